namespace Cleanup.Inventory;

/// <summary>Everything the planner may decide about: the candidate nodes and activations of one run.</summary>
public sealed record FleetInventory(IReadOnlyList<ManagedNode> Nodes, IReadOnlyList<HybridActivation> Activations)
{
    public static FleetInventory Empty { get; } = new([], []);
}
