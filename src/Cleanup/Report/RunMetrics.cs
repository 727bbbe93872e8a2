using Cleanup.Execute;
using Cleanup.Options;
using Cleanup.Plan;

namespace Cleanup.Report;

/// <summary>One EMF directive: these metrics, under each of these dimension sets (an empty set: no dimensions).</summary>
public sealed record MetricDirective(IReadOnlyList<IReadOnlyList<string>> DimensionSets, IReadOnlyList<string> Metrics);

/// <summary>
/// What a run counts, and which of it becomes CloudWatch metrics. CloudWatch bills every metric name, dimension set
/// and dimension values as one custom metric, so by default a run emits only what the template's alarms and
/// dashboard read, 10 series over both functions (CloudWatch's free tier is 10):
/// Trigger=Sweep: BrakeTripped, UnknownEvidence, EcsClustersDenied, SweepsSkipped, OwnedFleetSize;
/// Trigger=TaskStopped: BrakeTripped; no dimension (both paths added up): NodesDeregistered, ActivationsDeleted,
/// WouldRemove, DeadNodeHours. <see cref="MetricDetail.Detailed"/> adds every count per trigger and KeptByReason.
/// </summary>
public static class RunMetrics
{
    public const string TriggerDimension = "Trigger";
    public const string ReasonDimension = "Reason";

    /// <summary>Totals of both paths, without a dimension: what was removed and what it saved.</summary>
    public static readonly IReadOnlyList<string> Totals = ["NodesDeregistered", "ActivationsDeleted", "WouldRemove", "DeadNodeHours"];

    // What the alarms watch (and the dashboard shows), per trigger.
    private static readonly IReadOnlyList<string> _sweepDefaults = ["BrakeTripped", "UnknownEvidence", "EcsClustersDenied", "SweepsSkipped", "OwnedFleetSize"];
    private static readonly IReadOnlyList<string> _eventDefaults = ["BrakeTripped"];

    /// <summary>Every count of a run, by the names the "run finished" line and the detailed metrics give them.</summary>
    public static IEnumerable<(string Name, double Value)> Values(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        yield return ("NodesDeregistered", result.Count(OutcomeStatus.Removed, ResourceKind.Node));
        yield return ("ActivationsDeleted", result.Count(OutcomeStatus.Removed, ResourceKind.Activation));
        yield return ("AlreadyGone", result.Count(OutcomeStatus.AlreadyGone));
        yield return ("WouldRemove", result.Count(OutcomeStatus.WouldRemove));
        yield return ("Kept", result.Count(OutcomeStatus.Kept));
        yield return ("Failed", result.Count(OutcomeStatus.Failed));
        yield return ("Rejected", result.Status == RunStatus.Rejected ? 1 : 0);
        yield return ("BrakeTripped", result.Status == RunStatus.BrakeTripped || result.Brake?.Tripped == true ? 1 : 0);
        yield return ("OwnedFleetSize", result.Brake?.OwnedNodes ?? 0);
        yield return ("DeadNodeHours", Math.Round(result.DeadNodeHours, 2));
        yield return ("Deferred", result.Count(OutcomeStatus.Deferred));
        yield return ("TagReads", result.TagReads);
        yield return ("TasksUnsettled", result.Tasks.Count(t => !t.Settled && !t.DeferredByBrake));
        yield return ("TasksDeferredByBrake", result.Tasks.Count(t => t.DeferredByBrake));
        yield return ("UnknownEvidence", result.Items.Count(i => i.Decision.Reason == Reasons.TaskStatusUnknown));
        yield return ("EcsClustersDenied", result.DeniedClusters.Count);
        yield return ("MessagesFailed", result.FailedMessageIds?.Count ?? 0);
        yield return ("SweepsSkipped", result.Status == RunStatus.Skipped ? 1 : 0);
    }

    /// <summary>The Trigger dimension's value: the run's trigger, or (detailed only) its status when it had none.</summary>
    public static string TriggerValue(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Trigger ?? Names.Of(result.Status);
    }

    /// <summary>
    /// The run's directives. By default a run without a trigger (a rejected or ignored event, a batch with nothing to
    /// act on) emits none: a dimension value per status would be a metric per status, and such a run removed nothing.
    /// </summary>
    public static IReadOnlyList<MetricDirective> Directives(RunResult result, MetricDetail detail)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<string> byTrigger = [TriggerDimension];
        IReadOnlyList<string> none = [];
        if (detail == MetricDetail.Detailed)
        {
            return [new([byTrigger], [.. Values(result).Select(v => v.Name)]), new([none], Totals)];
        }

        var perTrigger = result.Trigger switch
        {
            "Sweep" => _sweepDefaults,
            "TaskStopped" => _eventDefaults,
            _ => null,
        };
        return perTrigger is null ? [] : [new([byTrigger], perTrigger), new([none], Totals)];
    }

    /// <summary>Detailed only: how many items were kept, per reason, each reason a dimension value of its own.</summary>
    public static IEnumerable<(string Reason, int Count)> KeptByReason(RunResult result, MetricDetail detail)
    {
        ArgumentNullException.ThrowIfNull(result);
        return detail != MetricDetail.Detailed
            ? []
            : result.Items.Where(i => i.Status == OutcomeStatus.Kept)
                .GroupBy(i => i.Decision.Reason)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count()));
    }
}
