namespace Cleanup.Inventory;

/// <summary>
/// The port to SSM's registry of hybrid nodes and activations. Implementations read every page and translate
/// service errors; "already gone" on delete is a success, not an error.
/// </summary>
public interface IHybridRegistry
{
    /// <summary>
    /// Nodes that carry every one of the tags, each with one of its values (at most 100 per tag): SSM evaluates
    /// the tags itself, so every node returned is proven to carry them.
    /// </summary>
    Task<IReadOnlyList<ManagedNode>> FindNodesByTagsAsync(IReadOnlyList<TagFilter> filters, CancellationToken cancellationToken);

    /// <summary>Every node carrying tag <paramref name="key"/>, whatever its value.</summary>
    Task<IReadOnlyList<ManagedNode>> FindNodesByTagKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every hybrid (mi-) node of the region; only legacy adoption needs the untagged ones.</summary>
    Task<IReadOnlyList<ManagedNode>> ListHybridNodesAsync(CancellationToken cancellationToken);

    /// <summary>The node's own tags, or null when the node no longer exists (deregistered since it was listed).</summary>
    Task<IReadOnlyDictionary<string, string>?> GetNodeTagsAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Activations matching any of <paramref name="values"/> by id or by DefaultInstanceName, all pages.</summary>
    Task<IReadOnlyList<HybridActivation>> FindActivationsAsync(ActivationQueryKind kind, IReadOnlyCollection<string> values, CancellationToken cancellationToken);

    /// <summary>Every activation of the region, expired ones included (DescribeActivations has no tag filter).</summary>
    Task<IReadOnlyList<HybridActivation>> ListActivationsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds (or overwrites) <paramref name="tags"/> on a hybrid node (AddTagsToResource, ResourceType ManagedInstance);
    /// only legacy adoption calls it, with exactly the two ownership tags. <see cref="TagOutcome.NodeGone"/> when SSM
    /// no longer knows the node.
    /// </summary>
    Task<TagOutcome> TagNodeAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    Task<DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken);

    Task<DeleteOutcome> DeleteActivationAsync(string activationId, CancellationToken cancellationToken);
}

/// <summary>One DescribeInstanceInformation tag filter: the node's tag <see cref="Key"/> holds one of the values.</summary>
public sealed record TagFilter(string Key, IReadOnlyCollection<string> Values);

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

public enum TagOutcome
{
    Tagged,

    /// <summary>The service no longer knows the node: it was deregistered since it was listed.</summary>
    NodeGone,
}
