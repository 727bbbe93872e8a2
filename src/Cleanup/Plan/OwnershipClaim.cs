using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// What an item's tags and name claim: the task and cluster that own it. A claim stands only when every part of the
/// convention agrees; any disagreement is a reason to keep, never a reason to guess.
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

        var options = context.Options;
        var cluster = context.Cluster(rawCluster);
        if (!EcsArnSyntax.TryReadTask(rawTask, out var task) || cluster is null)
        {
            return (null, Reasons.ForeignTags);
        }

        var arn = rawTask.AsSpan();
        var account = arn[task.Account];
        if (!arn[task.Region].SequenceEqual(options.Region) || cluster.Region != options.Region ||
            !arn[task.Partition].SequenceEqual(context.Partition) || cluster.Partition != context.Partition ||
            !account.SequenceEqual(cluster.Account) || (options.AccountId is not null && !account.SequenceEqual(options.AccountId)))
        {
            return (null, Reasons.ForeignTags);
        }

        if (task.Cluster is { } taskCluster && !arn[taskCluster].SequenceEqual(cluster.ClusterName))
        {
            return (null, Reasons.ClusterMismatch);
        }

        if (!options.IsClusterAllowed(cluster.ClusterName))
        {
            return (null, Reasons.ClusterNotAllowed);
        }

        if (!IsInstanceName(name, cluster.ClusterName, arn[task.Id]))
        {
            return (null, Reasons.NameMismatch);
        }

        return (new OwnershipClaim(rawTask, cluster.Value), null);
    }

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
