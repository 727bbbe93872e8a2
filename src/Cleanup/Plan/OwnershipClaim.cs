using Cleanup.Domain;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// What an item's tags and name claim: the task and cluster that own it. A claim stands only when every part of the
/// convention agrees: the ARNs by <see cref="Ownership"/>'s rule, and the name on top. Any disagreement is a reason
/// to keep, never a reason to guess.
/// </summary>
/// <remarks>
/// Read once per node and per activation of a whole fleet, so the task ARN is checked in place (its parts compared
/// as spans, never copied out) and a claim is a value, not an object.
/// </remarks>
internal readonly record struct OwnershipClaim(string TaskArn, string ClusterArn)
{
    public static (OwnershipClaim? Claim, string? KeepReason) Read(IReadOnlyDictionary<string, string> tags, string? name, PlanContext context)
    {
        if (!tags.TryGetValue(context.Keys.TaskArn, out var rawTask) ||
            !tags.TryGetValue(context.Keys.ClusterArn, out var rawCluster))
        {
            return (null, Reasons.NotOwned);
        }

        var cluster = context.Cluster(rawCluster);
        if (Ownership.Read(rawTask, cluster, context.Scope, out var id) is not OwnershipDoubt.None and var doubt)
        {
            return (null, KeepReason(doubt));
        }

        if (!IsInstanceName(name, cluster!.ClusterName, rawTask.AsSpan()[id]))
        {
            return (null, Reasons.NameMismatch);
        }

        return (new OwnershipClaim(rawTask, cluster.Value), null);
    }

    private static string KeepReason(OwnershipDoubt doubt) => doubt switch
    {
        OwnershipDoubt.ClusterMismatch => Reasons.ClusterMismatch,
        OwnershipDoubt.ClusterNotAllowed => Reasons.ClusterNotAllowed,
        _ => Reasons.ForeignTags,
    };

    /// <summary>
    /// Whether <paramref name="name"/> is <see cref="OwnershipTags.InstanceName"/> of the cluster and task, compared
    /// in place: building the expected name for every item of a fleet only to compare it costs a string each.
    /// </summary>
    private static bool IsInstanceName(string? name, string clusterName, ReadOnlySpan<char> taskId) =>
        name is not null &&
        name.Length == clusterName.Length + 1 + taskId.Length &&
        name.StartsWith(clusterName, StringComparison.Ordinal) &&
        name[clusterName.Length] == '/' &&
        name.AsSpan(clusterName.Length + 1).SequenceEqual(taskId);
}
