using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The two ownership tag keys of <see cref="OwnershipTags"/>, all the evidence builders need of the options: they
/// take these and nothing else, so what an item's evidence can show is visible in their signatures.
/// </summary>
internal sealed record TagKeys(string TaskArn, string ClusterArn)
{
    public static TagKeys Of(OwnershipTags tags) => new(tags.TaskArnKey, tags.ClusterArnKey);
}
