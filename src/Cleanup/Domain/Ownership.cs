namespace Cleanup.Domain;

/// <summary>
/// The one ownership rule, for events, inventory and planner alike: a task ARN and a cluster ARN claim an item only
/// when both are of the scope's region, partition and account, the task's own cluster (long format) is the cluster,
/// and the cluster is allowed. The checks run in that order, so the first doubt is the one reported.
/// </summary>
public static class Ownership
{
    /// <summary>The rule over parsed ARNs (an event's, or the tags the inventory derives a claim from).</summary>
    public static OwnershipDoubt Read(TaskArn? task, ClusterArn? cluster, OwnershipScope scope) =>
        task is null || cluster is null
            ? OwnershipDoubt.NotArns
            : Judge(task.Partition, task.Region, task.Account, task.ClusterName, task.ClusterName is not null, cluster, scope);

    /// <summary>
    /// The rule over a raw task ARN, read in place: the planner reads one per node and per activation of a whole
    /// fleet, so nothing of it is copied; <paramref name="taskId"/> says where its id is.
    /// </summary>
    public static OwnershipDoubt Read(string? taskArn, ClusterArn? cluster, OwnershipScope scope, out Range taskId)
    {
        taskId = default;
        if (taskArn is null || cluster is null || !EcsArnSyntax.TryReadTask(taskArn, out var parts))
        {
            return OwnershipDoubt.NotArns;
        }

        taskId = parts.Id;
        var arn = taskArn.AsSpan();
        return Judge(arn[parts.Partition], arn[parts.Region], arn[parts.Account], parts.Cluster is { } name ? arn[name] : default, parts.Cluster is not null, cluster, scope);
    }

    private static OwnershipDoubt Judge(
        ReadOnlySpan<char> partition,
        ReadOnlySpan<char> region,
        ReadOnlySpan<char> account,
        ReadOnlySpan<char> taskCluster,
        bool hasTaskCluster,
        ClusterArn cluster,
        OwnershipScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!region.SequenceEqual(scope.Region) || cluster.Region != scope.Region)
        {
            return OwnershipDoubt.OtherRegion;
        }

        if (!account.SequenceEqual(cluster.Account) || (scope.Account is not null && !account.SequenceEqual(scope.Account)))
        {
            return OwnershipDoubt.OtherAccount;
        }

        if (!partition.SequenceEqual(scope.Partition) || cluster.Partition != scope.Partition)
        {
            return OwnershipDoubt.OtherPartition;
        }

        if (hasTaskCluster && !taskCluster.SequenceEqual(cluster.ClusterName))
        {
            return OwnershipDoubt.ClusterMismatch;
        }

        return scope.IsClusterAllowed(cluster.ClusterName) ? OwnershipDoubt.None : OwnershipDoubt.ClusterNotAllowed;
    }
}
