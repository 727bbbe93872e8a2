using Cleanup.Report;

namespace Cleanup.Tests.Report;

/// <summary>The one counter table: the run line, the metrics and the summary all read the same rows.</summary>
public class RunCountersTests
{
    [Fact]
    public void Counters_HaveUniqueNames_AndEveryDefaultMetricIsOneOfThem()
    {
        var names = RunCounters.All.Select(c => c.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(names, RunMetrics.Values(RunResult.NotRun(RunStatus.Succeeded, "", false, null)).Select(v => v.Name));
        Assert.Subset(names.ToHashSet(), RunMetrics.Totals.ToHashSet());
        var sweep = RunMetrics.Directives(RunResult.NotRun(RunStatus.Succeeded, "", false, null) with { Trigger = "Sweep" }, Cleanup.Options.MetricDetail.Default);
        Assert.Subset(names.ToHashSet(), sweep.SelectMany(d => d.Metrics).ToHashSet());
    }

    [Fact]
    public void SummaryNames_AreTheCounterNamesCamelCased()
    {
        var counter = Assert.Single(RunCounters.All, c => c.Name == "TasksDeferredByBrake");

        Assert.Equal("tasksDeferredByBrake", counter.SummaryName);
    }
}
