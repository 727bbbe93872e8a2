namespace Cleanup.Options;

/// <summary>
/// What a deployed function accepts (CLEANUP_TRIGGER). Each function serves one trigger, so a sweep payload sent to
/// the event function cannot bypass the sweep's one-at-a-time setting, and an event sent to the sweep function is
/// not acted on outside its queue.
/// </summary>
public enum AcceptedTriggers
{
    /// <summary>The CLI: both.</summary>
    Any,

    /// <summary>Stopped-task events, direct or queued.</summary>
    Events,

    /// <summary>The schedule's sweep.</summary>
    Sweep,
}
