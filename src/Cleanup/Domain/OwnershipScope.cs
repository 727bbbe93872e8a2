namespace Cleanup.Domain;

/// <summary>
/// Where an ownership claim can stand: one region and so one partition, one account when it is known, and the
/// clusters of the allow-list (empty: every cluster). The function's own scope for the inventory and the planner; the
/// event's envelope for the event it carries.
/// </summary>
public sealed class OwnershipScope(string region, string? account, IReadOnlySet<string> allowedClusters)
{
    public string Region { get; } = region ?? throw new ArgumentNullException(nameof(region));

    /// <summary>The partition of <see cref="Region"/>: an ARN of another names nothing that can exist here.</summary>
    public string Partition { get; } = Partitions.Of(region);

    /// <summary>Null when the account is not known: then only the task and cluster ARNs must agree on one.</summary>
    public string? Account { get; } = account;

    public IReadOnlySet<string> AllowedClusters { get; } = allowedClusters ?? throw new ArgumentNullException(nameof(allowedClusters));

    public bool IsClusterAllowed(string clusterName) =>
        AllowedClusters.Count == 0 || AllowedClusters.Contains(clusterName);
}
