namespace Cleanup.Inventory;

/// <summary>
/// The port to SSM's registry of hybrid nodes and activations. Implementations read every page and translate
/// service errors; "already gone" on delete is a success, not an error.
/// </summary>
public interface IHybridRegistry
{
    /// <summary>Nodes carrying tag <paramref name="key"/> with any of <paramref name="values"/> (at most 100).</summary>
    Task<IReadOnlyList<ManagedNode>> FindNodesByTagAsync(string key, IReadOnlyCollection<string> values, CancellationToken cancellationToken);

    /// <summary>Every node carrying tag <paramref name="key"/>, whatever its value.</summary>
    Task<IReadOnlyList<ManagedNode>> FindNodesByTagKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every hybrid (mi-) node of the region; only legacy adoption needs the untagged ones.</summary>
    Task<IReadOnlyList<ManagedNode>> ListHybridNodesAsync(CancellationToken cancellationToken);

    /// <summary>The node's own tags, or null when the node no longer exists (deregistered since it was listed).</summary>
    Task<IReadOnlyDictionary<string, string>?> GetNodeTagsAsync(string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HybridActivation>> FindActivationsAsync(ActivationQuery query, CancellationToken cancellationToken);

    /// <summary>Every activation of the region, expired ones included (DescribeActivations has no tag filter).</summary>
    Task<IReadOnlyList<HybridActivation>> ListActivationsAsync(CancellationToken cancellationToken);

    Task<DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken);

    Task<DeleteOutcome> DeleteActivationAsync(string activationId, CancellationToken cancellationToken);
}

/// <summary>One DescribeActivations filter: by id or by DefaultInstanceName.</summary>
public sealed record ActivationQuery(ActivationQueryKind Kind, string Value);

public enum ActivationQueryKind
{
    ActivationId,
    DefaultInstanceName,
}

public enum DeleteOutcome
{
    Deleted,

    /// <summary>The service no longer knows the item: someone (or a duplicate event) removed it first.</summary>
    AlreadyGone,
}
