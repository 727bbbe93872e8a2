using Cleanup.Execute;
using Cleanup.Plan;

namespace Cleanup.Report;

/// <summary>
/// Every count of a run, in one table that the "run finished" line, the metrics (<see cref="RunMetrics"/>) and the
/// result's summary all read. The names are stable: the template's alarms, the dashboard and log queries match on them.
/// </summary>
public static class RunCounters
{
    private const DefaultMetric BothTriggers = DefaultMetric.Sweep | DefaultMetric.TaskStopped;

    public static readonly IReadOnlyList<RunCounter> All =
    [
        new("NodesDeregistered", r => r.Count(OutcomeStatus.Removed, ResourceKind.Node), DefaultMetric.Total, InSummary: true),
        new("ActivationsDeleted", r => r.Count(OutcomeStatus.Removed, ResourceKind.Activation), DefaultMetric.Total, InSummary: true),
        new("AlreadyGone", r => r.Count(OutcomeStatus.AlreadyGone), InSummary: true),
        new("WouldRemove", r => r.Count(OutcomeStatus.WouldRemove), DefaultMetric.Total, InSummary: true),
        new("Kept", r => r.Count(OutcomeStatus.Kept), InSummary: true),
        new("Failed", r => r.Count(OutcomeStatus.Failed), InSummary: true),
        new("Rejected", r => r.Status == RunStatus.Rejected ? 1 : 0),
        new("BrakeTripped", r => r.Status == RunStatus.BrakeTripped || r.Brake?.Tripped == true ? 1 : 0, BothTriggers),
        new("OwnedFleetSize", r => r.Brake?.OwnedNodes ?? 0, DefaultMetric.Sweep),
        new("DeadNodeHours", r => Math.Round(r.DeadNodeHours, 2), DefaultMetric.Total, InSummary: true, Unit: "None"),
        new("Deferred", r => r.Count(OutcomeStatus.Deferred), InSummary: true),
        new("TagReads", r => r.TagReads, InSummary: true),
        new("TasksUnsettled", r => r.Tasks.Count(t => !t.Settled && !t.DeferredByBrake), InSummary: true),
        new("TasksDeferredByBrake", r => r.Tasks.Count(t => t.DeferredByBrake), InSummary: true),
        new("UnknownEvidence", r => r.Items.Count(i => i.Decision.Reason == Reasons.TaskStatusUnknown), DefaultMetric.Sweep, InSummary: true),
        new("EcsClustersDenied", r => r.DeniedClusters.Count, DefaultMetric.Sweep),
        new("MessagesFailed", r => r.BatchResponse?.BatchItemFailures.Count ?? 0),
        new("SweepsSkipped", r => r.Status == RunStatus.Skipped ? 1 : 0, DefaultMetric.Sweep),
    ];

    /// <summary>The counters that are metrics by default under <paramref name="where"/>, in table order.</summary>
    public static IReadOnlyList<string> Defaults(DefaultMetric where) => [.. All.Where(c => c.Default.HasFlag(where)).Select(c => c.Name)];

    public static string UnitOf(string name) => All.FirstOrDefault(c => c.Name == name)?.Unit ?? "Count";
}
