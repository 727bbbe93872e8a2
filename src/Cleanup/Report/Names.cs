using Cleanup.Execute;
using Cleanup.Plan;

namespace Cleanup.Report;

/// <summary>The lower-case words results and logs use; stable because alarms and queries match on them.</summary>
public static class Names
{
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Ignored => "ignored",
        RunStatus.BrakeTripped => "brake-tripped",
        RunStatus.Skipped => "skipped",
        _ => "rejected",
    };

    public static string Of(ResourceKind kind) => kind == ResourceKind.Node ? "node" : "activation";

    public static string Of(PlannedAction action) => action switch
    {
        PlannedAction.Deregister => "deregister",
        PlannedAction.Delete => "delete",
        _ => "keep",
    };

    public static string Of(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Kept => "kept",
        OutcomeStatus.WouldRemove => "would-remove",
        OutcomeStatus.Removed => "removed",
        OutcomeStatus.AlreadyGone => "already-gone",
        OutcomeStatus.Braked => "held-by-brake",
        OutcomeStatus.Deferred => "deferred",
        _ => "failed",
    };
}
