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

    /// <summary>
    /// Legacy adoption (act): the two ownership tags to put on the untagged node before it is deregistered, so that it
    /// is removed through the same tag-conditioned permission as every owned node. Null for every other decision.
    /// </summary>
    public LegacyAdoption? Adopt { get; init; }
}

/// <summary>
/// The ownership tags a legacy node receives when it is adopted: exactly the task and cluster ARN of the one stopped
/// task it was matched to, under this deployment's two tag keys.
/// </summary>
public sealed record LegacyAdoption(string TaskArnKey, string TaskArn, string ClusterArnKey, string ClusterArn)
{
    public IReadOnlyDictionary<string, string> Tags => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TaskArnKey] = TaskArn,
        [ClusterArnKey] = ClusterArn,
    };
}
