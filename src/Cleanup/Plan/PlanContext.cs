using System.Runtime.InteropServices;
using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// What every item of one plan shares: the options, the time, the tag keys, what ECS said, and each distinct cluster
/// ARN parsed once (a whole fleet carries only a handful). Lives for one <see cref="Planner.Create"/> call, so the
/// caches never outlive the inventory they were read from.
/// </summary>
internal sealed class PlanContext(FleetInventory inventory, CleanupOptions options, DateTimeOffset now)
{
    private readonly Dictionary<string, ClusterArn?> _clusterArns = new(StringComparer.Ordinal);
    private LegacyCandidateIndex? _legacy;

    public FleetInventory Inventory => inventory;

    public CleanupOptions Options => options;

    public DateTimeOffset Now => now;

    public TagKeys Keys { get; } = TagKeys.Of(options.Tags);

    /// <summary>Where this deployment's claims stand: its region, account and allow-list.</summary>
    public OwnershipScope Scope { get; } = new(options.Region, options.AccountId, options.AllowedClusters);

    public ClusterArn? Cluster(string value)
    {
        ref var arn = ref CollectionsMarshal.GetValueRefOrAddDefault(_clusterArns, value, out var known);
        if (!known)
        {
            arn = ClusterArn.TryParse(value);
        }

        return arn;
    }

    /// <summary>The legacy candidates that could match <paramref name="node"/>: those listing its address.</summary>
    public IReadOnlyList<EcsTask> LegacyCandidatesOf(ManagedNode node) =>
        (_legacy ??= new LegacyCandidateIndex(inventory.LegacyCandidates)).At(node.IPAddress);
}
