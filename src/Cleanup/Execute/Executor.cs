using Cleanup.Inventory;
using Cleanup.Plan;

namespace Cleanup.Execute;

/// <summary>
/// Carries out a plan item by item. One failure never stops the others: every outcome is collected and the run
/// decides at the end whether it failed.
/// </summary>
public sealed class Executor(IHybridRegistry registry, TimeProvider time, DateTimeOffset? deadline = null)
{
    public async Task<IReadOnlyList<ItemOutcome>> ExecuteAsync(CleanupPlan plan, bool dryRun, CancellationToken cancellationToken)
    {
        var outcomes = new List<ItemOutcome>();
        var braked = plan.Brake.Tripped;

        // Nodes first: a node is what bills per hour and what a shell can reach. If the run is cut short, the
        // leftover is an activation, which the next run still finds by its name.
        foreach (var decision in plan.Nodes)
        {
            outcomes.Add(await ApplyAsync(decision, dryRun, braked, registry.DeregisterNodeAsync, cancellationToken));
        }

        foreach (var decision in plan.Activations)
        {
            outcomes.Add(await ApplyAsync(decision, dryRun, braked, registry.DeleteActivationAsync, cancellationToken));
        }

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
    }
}
