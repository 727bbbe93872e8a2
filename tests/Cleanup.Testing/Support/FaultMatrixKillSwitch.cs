using Cleanup.Inventory;

namespace Cleanup.Tests.Support;

/// <summary>
/// The real registry, with the process "killed" between two deletions: deletions go one at a time, and once
/// <paramref name="afterDeletions"/> of them have completed the run's token is cancelled before the next one starts,
/// which is what the run sees when Lambda stops it. Reads pass straight through.
/// </summary>
public sealed class FaultMatrixKillSwitch(IHybridRegistry inner, int afterDeletions, CancellationTokenSource kill) : IHybridRegistry, IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _completed;

    /// <summary>Deletions that reached SSM and came back.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public Task<IReadOnlyList<ManagedNode>> FindNodesByTagsAsync(IReadOnlyList<TagFilter> filters, CancellationToken cancellationToken) =>
        inner.FindNodesByTagsAsync(filters, cancellationToken);

    public Task<TagOutcome> TagNodeAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        inner.TagNodeAsync(instanceId, tags, cancellationToken);

    public Task<IReadOnlyList<ManagedNode>> FindNodesByTagKeyAsync(string key, CancellationToken cancellationToken) =>
        inner.FindNodesByTagKeyAsync(key, cancellationToken);

    public Task<IReadOnlyList<ManagedNode>> ListHybridNodesAsync(CancellationToken cancellationToken) =>
        inner.ListHybridNodesAsync(cancellationToken);

    public Task<IReadOnlyDictionary<string, string>?> GetNodeTagsAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.GetNodeTagsAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<HybridActivation>> FindActivationsAsync(ActivationQueryKind kind, IReadOnlyCollection<string> values, CancellationToken cancellationToken) =>
        inner.FindActivationsAsync(kind, values, cancellationToken);

    public Task<IReadOnlyList<HybridActivation>> ListActivationsAsync(CancellationToken cancellationToken) =>
        inner.ListActivationsAsync(cancellationToken);

    public Task<DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken) =>
        DeleteAsync(() => inner.DeregisterNodeAsync(instanceId, cancellationToken), cancellationToken);

    public Task<DeleteOutcome> DeleteActivationAsync(string activationId, CancellationToken cancellationToken) =>
        DeleteAsync(() => inner.DeleteActivationAsync(activationId, cancellationToken), cancellationToken);

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<DeleteOutcome> DeleteAsync(Func<Task<DeleteOutcome>> delete, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // A deletion waiting its turn when the process dies never reaches SSM.
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await delete();
            if (Interlocked.Increment(ref _completed) == afterDeletions)
            {
                await kill.CancelAsync();
            }

            return outcome;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
