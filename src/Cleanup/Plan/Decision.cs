namespace Cleanup.Plan;

public enum ResourceKind
{
    Node,
    Activation,
}

public enum PlannedAction
{
    Keep,
    Deregister,
    Delete,
}

/// <summary>What the planner decided for one node or activation, why, and on what evidence.</summary>
public sealed record Decision(
    ResourceKind Kind,
    string ResourceId,
    PlannedAction Action,
    string Reason,
    string? TaskArn,
    IReadOnlyDictionary<string, string> Evidence)
{
    public bool Removes => Action != PlannedAction.Keep;

    /// <summary>For a node: hours since it was last known alive (stop, last ping or registration), what it has cost since.</summary>
    public double DeadNodeHours { get; init; }
}
