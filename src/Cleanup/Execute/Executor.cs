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
        var brake = plan.Brake;

        // Nodes first: a node is what bills per hour and what a shell can reach. If the run is cut short, the
        // leftover is an activation, which the next run still finds by its name.
        var nodes = await ApplyAllAsync(plan.Nodes, dryRun, brake, RemoveNodeAsync, applied, cancellationToken);
        var activations = await ApplyAllAsync(
            plan.Activations,
            dryRun,
            brake,
            (decision, token) => RemoveAsync(decision, registry.DeleteActivationAsync, token),
            applied,
            cancellationToken);
        return [.. nodes, .. activations];
    }

    private async Task<ItemOutcome[]> ApplyAllAsync(
        IReadOnlyList<Decision> decisions,
        bool dryRun,
        BrakeVerdict brake,
        Func<Decision, CancellationToken, Task<ItemOutcome>> remove,
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
                outcomes[i] = await ApplyAsync(decisions[i], dryRun, brake, remove, token);
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

    private static async Task<ItemOutcome> ApplyAsync(
        Decision decision,
        bool dryRun,
        BrakeVerdict brake,
        Func<Decision, CancellationToken, Task<ItemOutcome>> remove,
        CancellationToken cancellationToken)
    {
        if (!decision.Removes)
        {
            return new ItemOutcome(decision, OutcomeStatus.Kept);
        }

        if (brake.Holds(decision))
        {
            return new ItemOutcome(LegacyAdopter.AsPlanned(decision), OutcomeStatus.Braked);
        }

        if (dryRun)
        {
            return new ItemOutcome(LegacyAdopter.AsPlanned(decision), OutcomeStatus.WouldRemove);
        }

        return await remove(decision, cancellationToken);
    }

    // A node the planner matched to a stopped legacy task is adopted first: tagged with exactly that task's two
    // ownership tags, then deregistered by the same call (and the same tag-conditioned permission) as any owned node.
    // If the tagging fails, the node is neither tagged nor deregistered.
    private async Task<ItemOutcome> RemoveNodeAsync(Decision decision, CancellationToken cancellationToken)
    {
        if (decision.Adopt is null)
        {
            return await RemoveAsync(decision, registry.DeregisterNodeAsync, cancellationToken);
        }

        if (LegacyAdopter.Refusal(decision) is { } refusal)
        {
            return new ItemOutcome(LegacyAdopter.With(decision, LegacyAdopter.Refused), OutcomeStatus.Failed, LegacyAdopter.RefusedCode, refusal);
        }

        if (IsPastDeadline())
        {
            return new ItemOutcome(LegacyAdopter.AsPlanned(decision), OutcomeStatus.Deferred);
        }

        try
        {
            if (await registry.TagNodeAsync(decision.ResourceId, decision.Adopt.Tags, cancellationToken) == TagOutcome.NodeGone)
            {
                return new ItemOutcome(LegacyAdopter.With(decision, LegacyAdopter.NodeGone), OutcomeStatus.AlreadyGone);
            }
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            return Failed(LegacyAdopter.With(decision, LegacyAdopter.TaggingFailed), ex);
        }

        // Tagged: deregister at once, whatever the clock says. A node left adopted but registered is removed by the
        // next sweep (legacy-adopted-task-stopped), but only if it still matches; finishing now is the better end.
        return await RemoveAsync(LegacyAdopter.With(decision, LegacyAdopter.Tagged), registry.DeregisterNodeAsync, cancellationToken, checkDeadline: false);
    }

    private async Task<ItemOutcome> RemoveAsync(
        Decision decision,
        Func<string, CancellationToken, Task<DeleteOutcome>> remove,
        CancellationToken cancellationToken,
        bool checkDeadline = true)
    {
        // Never start a removal Lambda may cut off: an unreported half-done run is worse than a deferred item.
        if (checkDeadline && IsPastDeadline())
        {
            return new ItemOutcome(decision, OutcomeStatus.Deferred);
        }

        try
        {
            var result = await remove(decision.ResourceId, cancellationToken);
            return new ItemOutcome(decision, result == DeleteOutcome.Deleted ? OutcomeStatus.Removed : OutcomeStatus.AlreadyGone);
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            return Failed(decision, ex);
        }
    }

    private bool IsPastDeadline() => time.GetUtcNow() > deadline;

    // Throttling past the SDK's retries, access denied, a network failure, whatever an adapter throws: this item
    // failed, the others still run, and the run reports failure at the end. Only a requested cancellation stops all.
    private static bool IsItemFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static ItemOutcome Failed(Decision decision, Exception ex) => ex is RegistryException registryError
        ? new ItemOutcome(decision, OutcomeStatus.Failed, registryError.ErrorCode, registryError.Message)
        : new ItemOutcome(decision, OutcomeStatus.Failed, ex.GetType().Name, ex.Message);
}
