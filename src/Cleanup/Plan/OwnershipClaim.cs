using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// What an item's tags and name claim: the task and cluster that own it. A claim stands only when every part of the
/// convention agrees; any disagreement is a reason to keep, never a reason to guess.
/// </summary>
internal sealed record OwnershipClaim(TaskArn Task, ClusterArn Cluster)
{
    public static (OwnershipClaim? Claim, string? KeepReason) Read(IReadOnlyDictionary<string, string> tags, string? name, CleanupOptions options)
    {
        if (!tags.TryGetValue(options.Tags.TaskArnKey, out var rawTask) ||
            !tags.TryGetValue(options.Tags.ClusterArnKey, out var rawCluster))
        {
            return (null, Reasons.NotOwned);
        }

        var task = TaskArn.TryParse(rawTask);
        var cluster = ClusterArn.TryParse(rawCluster);
        if (task is null || cluster is null ||
            task.Region != options.Region || cluster.Region != options.Region ||
            task.Account != cluster.Account || (options.AccountId is not null && task.Account != options.AccountId))
        {
            return (null, Reasons.ForeignTags);
        }

        if (task.ClusterName is not null && task.ClusterName != cluster.ClusterName)
        {
            return (null, Reasons.ClusterMismatch);
        }

        if (!options.IsClusterAllowed(cluster.ClusterName))
        {
            return (null, Reasons.ClusterNotAllowed);
        }

        if (!string.Equals(name, OwnershipTags.InstanceName(cluster.ClusterName, task.TaskId), StringComparison.Ordinal))
        {
            return (null, Reasons.NameMismatch);
        }

        return (new OwnershipClaim(task, cluster), null);
    }
}
