using Cleanup.Plan;

namespace Cleanup.Execute;

public enum OutcomeStatus
{
    /// <summary>The planner kept it; nothing was called.</summary>
    Kept,

    /// <summary>Dry-run: it would have been removed; nothing was called.</summary>
    WouldRemove,

    /// <summary>Held by the brake (tripped, or on the event path its task waits for a later delivery); nothing was called.</summary>
    Braked,

    /// <summary>The run's time budget ran out before this removal was started; the next run picks it up.</summary>
    Deferred,

    Removed,

    /// <summary>The service said it no longer exists (a duplicate event or another actor got there first).</summary>
    AlreadyGone,

    Failed,
}

/// <summary>What happened to one decision. Errors carry the AWS error code and message, never request data.</summary>
public sealed record ItemOutcome(Decision Decision, OutcomeStatus Status, string? ErrorCode = null, string? ErrorMessage = null);
