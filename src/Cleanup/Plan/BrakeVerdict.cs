using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The blast-radius brake. Mass deregistration is what an outage, a deleted cluster or a bug looks like, so past
/// either limit the run deletes nothing and fails loudly; a person decides. Only node deregistrations count:
/// deleting an activation never takes a node away.
/// </summary>
/// <remarks>
/// On the event path the count limit holds per task instead (see <see cref="EventBrake"/>): tasks are taken whole
/// while they fit, the others wait for a later delivery, and only a task that alone exceeds the limit trips it.
/// </remarks>
public sealed record BrakeVerdict(bool Tripped, int NodeRemovals, int OwnedNodes, string Explanation)
{
    private static readonly IReadOnlySet<string> _none = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Event path: ids of the tasks that alone own more nodes than the limit; nothing of them is removed.</summary>
    public IReadOnlySet<string> TrippedTasks { get; init; } = _none;

    /// <summary>Event path: ids of the tasks left for a later delivery because older ones filled the run's limit.</summary>
    public IReadOnlySet<string> DeferredTasks { get; init; } = _none;

    /// <summary>Event path: the verdict holds the tasks named above, not the whole plan.</summary>
    public bool PerTask { get; init; }

    /// <summary>Whether this removal waits: the whole plan when the brake tripped on it, else its task's.</summary>
    public bool Holds(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Removes)
        {
            return false;
        }

        if (!PerTask)
        {
            return Tripped;
        }

        var task = EventBrake.TaskOf(decision);
        return task is not null && (TrippedTasks.Contains(task) || DeferredTasks.Contains(task));
    }

    public static BrakeVerdict Judge(int nodeRemovals, int ownedNodes, bool wholeFleet, SweepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (nodeRemovals > settings.MaxDeletionsPerRun)
        {
            return new(true, nodeRemovals, ownedNodes, $"brake tripped: {nodeRemovals} nodes to deregister is more than MaxDeletionsPerRun={settings.MaxDeletionsPerRun}; nothing was deleted");
        }

        // The share is only meaningful against the whole owned fleet, which only the sweep reads.
        if (wholeFleet && ownedNodes >= settings.BrakeMinFleet && nodeRemovals * 100L > settings.MaxDeletionPercent * (long)ownedNodes)
        {
            return new(true, nodeRemovals, ownedNodes, $"brake tripped: {nodeRemovals} of {ownedNodes} owned nodes is more than MaxDeletionPercent={settings.MaxDeletionPercent}%; nothing was deleted");
        }

        return Within(nodeRemovals, ownedNodes);
    }

    internal static BrakeVerdict Within(int nodeRemovals, int ownedNodes) =>
        new(false, nodeRemovals, ownedNodes, $"{nodeRemovals} of {ownedNodes} owned nodes to deregister, within the brake's limits");
}
