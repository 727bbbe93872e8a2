using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The two ownership tag keys, built once per plan: <see cref="OwnershipTags"/> composes them on every read, and the
/// planner reads them several times per item.
/// </summary>
internal sealed record TagKeys(string TaskArn, string ClusterArn)
{
    public static TagKeys Of(OwnershipTags tags) => new(tags.TaskArnKey, tags.ClusterArnKey);
}
