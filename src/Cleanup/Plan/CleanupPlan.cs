using Cleanup.Events;

namespace Cleanup.Plan;

/// <summary>The planner's output: one decision per node and per activation, and the brake's verdict on the whole.</summary>
public sealed record CleanupPlan(Trigger Trigger, IReadOnlyList<Decision> Nodes, IReadOnlyList<Decision> Activations, BrakeVerdict Brake)
{
    public IEnumerable<Decision> All => Nodes.Concat(Activations);

    public IEnumerable<Decision> NodesToDeregister => Nodes.Where(d => d.Action == PlannedAction.Deregister);

    public IEnumerable<Decision> ActivationsToDelete => Activations.Where(d => d.Action == PlannedAction.Delete);
}
