using Cleanup.Inventory;
using Cleanup.Plan;

namespace Cleanup.Execute;

/// <summary>
/// Carries out a plan item by item, a few removals at a time. One failure never stops the others: every outcome is
/// collected and the run decides at the end whether it failed. Each outcome is handed to <c>applied</c> as soon as
/// it is known, so the log holds what was done even if the run is cut short.
/// </summary>
public sealed class Executor(IHybridRegistry registry, TimeProvider time, DateTimeOffset? deadline = null, int concurrency = Executor.DefaultConcurrency)
{
    /// <summary>
    /// Concurrent removals. SSM's rate limit is low and shared by the account; a few in flight keep a batch well
    /// inside a Lambda timeout without turning the run into a throttling storm (the SDK retries what is throttled).
    /// </summary>
    public const int DefaultConcurrency = 4;

    public async Task<IReadOnlyList<ItemOutcome>> ExecuteAsync(CleanupPlan plan, bool dryRun, Action<ItemOutcome>? applied, CancellationToken cancellationToken)
    {
        var braked = plan.Brake.Tripped;

        // Nodes first: a node is what bills per hour and what a shell can reach. If the run is cut short, the
        // leftover is an activation, which the next run still finds by its name.
        var nodes = await ApplyAllAsync(plan.Nodes, dryRun, braked, registry.DeregisterNodeAsync, applied, cancellationToken);
        var activations = await ApplyAllAsync(plan.Activations, dryRun, braked, registry.DeleteActivationAsync, applied, cancellationToken);
        return [.. nodes, .. activations];
    }

    private async Task<ItemOutcome[]> ApplyAllAsync(
        IReadOnlyList<Decision> decisions,
        bool dryRun,
        bool braked,
        Func<string, CancellationToken, Task<DeleteOutcome>> remove,
        Action<ItemOutcome>? applied,
        CancellationToken cancellationToken)
    {
        var outcomes = new ItemOutcome[decisions.Count];
        var gate = new Lock();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, decisions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                outcomes[i] = await ApplyAsync(decisions[i], dryRun, braked, remove, token);
                if (applied is not null)
                {
                    lock (gate)
                    {
                        applied(outcomes[i]);
                    }
                }
            });
        return outcomes;
    }

    private async Task<ItemOutcome> ApplyAsync(
        Decision decision,
        bool dryRun,
        bool braked,
        Func<string, CancellationToken, Task<DeleteOutcome>> remove,
        CancellationToken cancellationToken)
    {
        if (!decision.Removes)
        {
            return new ItemOutcome(decision, OutcomeStatus.Kept);
        }

        if (braked)
        {
            return new ItemOutcome(decision, OutcomeStatus.Braked);
        }

        if (dryRun)
        {
            return new ItemOutcome(decision, OutcomeStatus.WouldRemove);
        }

        // Never start a removal Lambda may cut off: an unreported half-done run is worse than a deferred item.
        if (time.GetUtcNow() > deadline)
        {
            return new ItemOutcome(decision, OutcomeStatus.Deferred);
        }

        try
        {
            var result = await remove(decision.ResourceId, cancellationToken);
            return new ItemOutcome(decision, result == DeleteOutcome.Deleted ? OutcomeStatus.Removed : OutcomeStatus.AlreadyGone);
        }
        catch (RegistryException ex)
        {
            // Throttling past the SDK's retries, access denied, a network failure: this item failed, the
            // others still run, and the run reports failure at the end.
            return new ItemOutcome(decision, OutcomeStatus.Failed, ex.ErrorCode, ex.Message);
        }
#pragma warning disable CA1031 // Whatever an adapter throws, one item's failure must not hide the others' outcomes.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return new ItemOutcome(decision, OutcomeStatus.Failed, ex.GetType().Name, ex.Message);
        }
    }
}
