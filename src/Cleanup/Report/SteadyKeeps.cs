using Cleanup.Execute;
using Cleanup.Plan;

namespace Cleanup.Report;

/// <summary>
/// The keeps that are the fleet's steady state, not news: a live task's node, an activation in use, a node too young
/// to judge, what is not ours or not in scope. Every sweep repeats them for every live node, so by default they are
/// counted in one line per run instead of logged one by one. Every other keep is an anomaly someone may have to act
/// on (ECS denied or could not answer, ownership unproven, a ping after the stop, contradicting evidence, legacy
/// adoption) and keeps its own line, as do removals, failures, deferrals and brake holds.
/// </summary>
public static class SteadyKeeps
{
    private static readonly HashSet<string> _reasons = new(StringComparer.Ordinal)
    {
        Reasons.TaskAlive,
        Reasons.ActivationInUse,
        Reasons.RegistrationGrace,
        Reasons.TaskNotInScope,
        Reasons.NotOwned,
        Reasons.NotHybridNode,
        Reasons.ClusterNotAllowed,
    };

    public static IReadOnlySet<string> All => _reasons;

    public static bool Contains(ItemOutcome item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Status == OutcomeStatus.Kept && _reasons.Contains(item.Decision.Reason);
    }
}
