using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The blast-radius brake. Mass deregistration is what an outage, a deleted cluster or a bug looks like, so past
/// either limit the run deletes nothing and fails loudly; a person decides. Only node deregistrations count:
/// deleting an activation never takes a node away.
/// </summary>
public sealed record BrakeVerdict(bool Tripped, int NodeRemovals, int OwnedNodes, string Explanation)
{
    public static BrakeVerdict Judge(int nodeRemovals, int ownedNodes, bool wholeFleet, SweepSettings settings)
    {
        if (nodeRemovals > settings.MaxDeletionsPerRun)
        {
            return new(true, nodeRemovals, ownedNodes, $"brake tripped: {nodeRemovals} nodes to deregister is more than MaxDeletionsPerRun={settings.MaxDeletionsPerRun}; nothing was deleted");
        }

        // The share is only meaningful against the whole owned fleet, which only the sweep reads.
        if (wholeFleet && ownedNodes >= settings.BrakeMinFleet && nodeRemovals * 100L > settings.MaxDeletionPercent * (long)ownedNodes)
        {
            return new(true, nodeRemovals, ownedNodes, $"brake tripped: {nodeRemovals} of {ownedNodes} owned nodes is more than MaxDeletionPercent={settings.MaxDeletionPercent}%; nothing was deleted");
        }

        return new(false, nodeRemovals, ownedNodes, $"{nodeRemovals} of {ownedNodes} owned nodes to deregister, within the brake's limits");
    }
}
