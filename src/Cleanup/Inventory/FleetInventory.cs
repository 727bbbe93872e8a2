namespace Cleanup.Inventory;

/// <summary>
/// Everything the planner may decide about: candidate nodes and activations, what is known about their tasks, and
/// (for the legacy matcher) dead tasks with their addresses. <see cref="WholeFleet"/> says whether the nodes are
/// every owned node, which the percentage brake and the exhausted-activation rule rely on.
/// </summary>
public sealed record FleetInventory(
    IReadOnlyList<ManagedNode> Nodes,
    IReadOnlyList<HybridActivation> Activations,
    IReadOnlyDictionary<string, TaskEvidence> Tasks,
    bool WholeFleet = false)
{
    /// <summary>Stopped tasks of the allowed clusters with their ENI addresses, for legacy adoption only.</summary>
    public IReadOnlyList<EcsTask> LegacyCandidates { get; init; } = [];
}
