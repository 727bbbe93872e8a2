using Cleanup.Execute;

namespace Cleanup.Report;

public enum RunStatus
{
    /// <summary>Every decision was carried out (or, in dry-run, reported).</summary>
    Succeeded,

    /// <summary>At least one item failed, or the inventory could not be read; the function errors so retries and alarms see it.</summary>
    Failed,

    /// <summary>A valid event that is not ours to act on; nothing was called.</summary>
    Ignored,

    /// <summary>Malformed or untrustworthy input; nothing was called.</summary>
    Rejected,
}

/// <summary>What one run did, returned from the handler and printed by the CLI.</summary>
public sealed record RunResult(
    RunStatus Status,
    string Message,
    bool DryRun,
    string? EventId,
    string? Trigger,
    IReadOnlyList<string> TaskArns,
    IReadOnlyList<ItemOutcome> Items)
{
    public int Count(OutcomeStatus status) => Items.Count(i => i.Status == status);

    public int Count(OutcomeStatus status, Plan.ResourceKind kind) => Items.Count(i => i.Status == status && i.Decision.Kind == kind);

    public static RunResult NotRun(RunStatus status, string message, bool dryRun, string? eventId) =>
        new(status, message, dryRun, eventId, null, [], []);
}
