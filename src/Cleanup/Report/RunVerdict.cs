using Cleanup.Inventory;

namespace Cleanup.Report;

/// <summary>What a run found and did, as the verdict needs it: counts and reasons, no SDK type, no item.</summary>
public sealed record RunFacts
{
    public bool DryRun { get; init; }

    /// <summary>The brake tripped: nothing was removed, a person must look.</summary>
    public bool BrakeTripped { get; init; }

    /// <summary>The brake's explanation, when it tripped or held tasks for a later delivery.</summary>
    public string? BrakeExplanation { get; init; }

    /// <summary>The event path's brake left whole tasks for a later delivery (load shedding, not a trip).</summary>
    public bool BrakeDeferredTasks { get; init; }

    public int Failed { get; init; }

    public int Deferred { get; init; }

    /// <summary>Removals planned and not held by the brake.</summary>
    public int Removing { get; init; }

    /// <summary>A sweep that could not see the fleet through ECS (an outage, or denied everywhere).</summary>
    public ReadFailure? EcsOutage { get; init; }

    public ReadFailure? LegacyUnread { get; init; }

    public int TagReadsDenied { get; init; }

    public IReadOnlyList<string> DeniedClusters { get; init; } = [];

    /// <summary>Event tasks not settled for a failure (brake deferrals excluded), of <see cref="Settlements"/>.</summary>
    public int Unsettled { get; init; }

    public int Settlements { get; init; }

    public string? FirstUnsettledDetail { get; init; }
}

/// <summary>
/// A run's status, message and error code from its facts, in one place and in order: the brake first (its own status,
/// dry run or not), then failed and deferred removals, then what makes an otherwise successful run fail (ECS could not
/// see the fleet, legacy adoption was off, an event task is not settled), and what is only said (denied tag reads and
/// clusters, tasks the brake deferred). Pure, so every combination is a table row.
/// </summary>
public static class RunVerdict
{
    public static (RunStatus Status, string Message, string? ErrorCode) Of(RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (failed, deferred, removing) = (facts.Failed, facts.Deferred, facts.Removing);
        var (status, message) = facts.BrakeTripped
            ? (RunStatus.BrakeTripped, facts.DryRun ? $"dry-run: {facts.BrakeExplanation}" : facts.BrakeExplanation ?? "brake tripped")
            : failed > 0 ? (RunStatus.Failed, $"{failed} of {removing} removals failed" + (deferred > 0 ? $", {deferred} deferred" : string.Empty))
            : deferred > 0 ? (RunStatus.Failed, $"the time budget ran out: {deferred} of {removing} removals deferred to the next run")
            : facts.DryRun ? (RunStatus.Succeeded, $"dry-run: {removing} items would be removed, nothing was deleted")
            : removing == 0 ? (RunStatus.Succeeded, "nothing to remove")
            : (RunStatus.Succeeded, $"{removing} items removed or already gone");
        string? errorCode = null;
        if (facts.EcsOutage is { } why && status == RunStatus.Succeeded)
        {
            // Every item of an unreachable ECS is kept as unknown; a sweep that called that success would never alarm.
            (status, message, errorCode) = (RunStatus.Failed, $"{message}; {why.Message}", why.ErrorCode);
        }

        if (facts.LegacyUnread is { } legacy)
        {
            // Adoption was off for the run; everything else was judged. Failing says so, and the next run tries again.
            errorCode ??= legacy.ErrorCode;
            (status, message) = status == RunStatus.Succeeded
                ? (RunStatus.Failed, $"{message}; legacy adoption was off for this run: listing every cluster's tasks failed ({legacy})")
                : (status, $"{message}; legacy adoption was off for this run ({legacy})");
        }

        if (facts.TagReadsDenied > 0)
        {
            message = $"{message}; SSM denied reading the tags of {facts.TagReadsDenied} node(s): they were left alone";
        }

        var denied = facts.DeniedClusters;
        if (denied.Count > 0)
        {
            // About those clusters alone: their items are kept and the rest converges; the metric's alarm fires if it lasts.
            message = $"{message}; ECS denied access to {denied.Count} cluster(s) ({string.Join(", ", denied.Take(3))}{(denied.Count > 3 ? ", ..." : string.Empty)}): their items were kept";
        }

        if (facts.Unsettled > 0 && status == RunStatus.Succeeded)
        {
            // Lambda must retry the event (or the queue redeliver its message) until ECS and SSM could answer.
            (status, message) = (RunStatus.Failed, $"{message}; {facts.Unsettled} of {facts.Settlements} task(s) not settled: {facts.FirstUnsettledDetail}");
        }

        if (facts.BrakeDeferredTasks && !facts.BrakeTripped)
        {
            message = $"{message}; {facts.BrakeExplanation}";
        }

        return (status, message, errorCode);
    }
}
