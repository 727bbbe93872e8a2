using Cleanup.Inventory;
using Cleanup.Plan;

namespace Cleanup.Execute;

/// <summary>
/// Carries out a plan item by item. One failure never stops the others: every outcome is collected and the run
/// decides at the end whether it failed.
/// </summary>
public sealed class Executor(IHybridRegistry registry)
{
    public async Task<IReadOnlyList<ItemOutcome>> ExecuteAsync(CleanupPlan plan, bool dryRun, CancellationToken cancellationToken)
    {
        var outcomes = new List<ItemOutcome>();

        // Nodes first: a node is what bills per hour and what a shell can reach. If the run is cut short, the
        // leftover is an activation, which the next run still finds by its name.
        foreach (var decision in plan.Nodes)
        {
            outcomes.Add(await ApplyAsync(decision, dryRun, registry.DeregisterNodeAsync, cancellationToken));
        }

        foreach (var decision in plan.Activations)
        {
            outcomes.Add(await ApplyAsync(decision, dryRun, registry.DeleteActivationAsync, cancellationToken));
        }

        return outcomes;
    }

    private static async Task<ItemOutcome> ApplyAsync(
        Decision decision,
        bool dryRun,
        Func<string, CancellationToken, Task<DeleteOutcome>> remove,
        CancellationToken cancellationToken)
    {
        if (!decision.Removes)
        {
            return new ItemOutcome(decision, OutcomeStatus.Kept);
        }

        if (dryRun)
        {
            return new ItemOutcome(decision, OutcomeStatus.WouldRemove);
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
