using Cleanup.Inventory;

namespace Cleanup.Tests.Support;

/// <summary>
/// The real registry with one behaviour changed: every call goes to <paramref name="inner"/> unless a test's subclass
/// overrides it (a refusal SSM gives for one value, a node someone else deregistered first).
/// </summary>
public abstract class ForwardingRegistry(IHybridRegistry inner) : IHybridRegistry
{
    public virtual Task<IReadOnlyList<ManagedNode>> FindNodesByTagsAsync(IReadOnlyList<TagFilter> filters, CancellationToken cancellationToken) => inner.FindNodesByTagsAsync(filters, cancellationToken);

    public virtual Task<IReadOnlyList<ManagedNode>> FindNodesByTagKeyAsync(string key, CancellationToken cancellationToken) => inner.FindNodesByTagKeyAsync(key, cancellationToken);

    public virtual Task<IReadOnlyList<ManagedNode>> ListHybridNodesAsync(CancellationToken cancellationToken) => inner.ListHybridNodesAsync(cancellationToken);

    public virtual Task<IReadOnlyDictionary<string, string>?> GetNodeTagsAsync(string instanceId, CancellationToken cancellationToken) => inner.GetNodeTagsAsync(instanceId, cancellationToken);

    public virtual Task<IReadOnlyList<HybridActivation>> FindActivationsAsync(ActivationQueryKind kind, IReadOnlyCollection<string> values, CancellationToken cancellationToken) => inner.FindActivationsAsync(kind, values, cancellationToken);

    public virtual Task<IReadOnlyList<HybridActivation>> ListActivationsAsync(CancellationToken cancellationToken) => inner.ListActivationsAsync(cancellationToken);

    public virtual Task<TagOutcome> TagNodeAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) => inner.TagNodeAsync(instanceId, tags, cancellationToken);

    public virtual Task<DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken) => inner.DeregisterNodeAsync(instanceId, cancellationToken);

    public virtual Task<DeleteOutcome> DeleteActivationAsync(string activationId, CancellationToken cancellationToken) => inner.DeleteActivationAsync(activationId, cancellationToken);
}
