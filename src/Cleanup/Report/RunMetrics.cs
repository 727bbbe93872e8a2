using Cleanup.Execute;
using Cleanup.Options;

namespace Cleanup.Report;

/// <summary>One EMF directive: these metrics, under each of these dimension sets (an empty set: no dimensions).</summary>
public sealed record MetricDirective(IReadOnlyList<IReadOnlyList<string>> DimensionSets, IReadOnlyList<string> Metrics);

/// <summary>
/// Which of a run's counts (<see cref="RunCounters"/>) become CloudWatch metrics. CloudWatch bills every metric name,
/// dimension set and dimension values as one custom metric, so by default a run emits only the counters the table
/// marks as defaults, what the template's alarms and dashboard read: 10 series over both functions (CloudWatch's free
/// tier is 10). <see cref="MetricDetail.Detailed"/> adds every count per trigger and KeptByReason.
/// </summary>
public static class RunMetrics
{
    public const string TriggerDimension = "Trigger";
    public const string ReasonDimension = "Reason";

    /// <summary>Totals of both paths, without a dimension: what was removed and what it saved.</summary>
    public static readonly IReadOnlyList<string> Totals = RunCounters.Defaults(DefaultMetric.Total);

    // What the alarms watch (and the dashboard shows), per trigger.
    private static readonly IReadOnlyList<string> _sweepDefaults = RunCounters.Defaults(DefaultMetric.Sweep);
    private static readonly IReadOnlyList<string> _eventDefaults = RunCounters.Defaults(DefaultMetric.TaskStopped);

    /// <summary>Every count of a run (<see cref="RunCounters"/>), by the names the "run finished" line and the metrics give them.</summary>
    public static IEnumerable<(string Name, double Value)> Values(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RunCounters.All.Select(c => (c.Name, c.Count(result)));
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
