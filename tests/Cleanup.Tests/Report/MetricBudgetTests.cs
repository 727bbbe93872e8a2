using System.Text;
using Cleanup.Cli.Demo;
using Cleanup.Options;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Report;

/// <summary>
/// CloudWatch bills every (namespace, metric, dimensions) series as one custom metric, and its free tier is 10 per
/// account. Over everything both functions do (a sweep, a queued batch with a rejected message, a batch with
/// nothing to act on, a rejected direct event) the default metrics stay within 10, and every alarm of the template
/// still has its metric.
/// </summary>
public class MetricBudgetTests
{
    public const int FreeTierMetrics = 10;

    [Fact]
    public async Task DefaultMetrics_OverASweepAndEventBatches_AreAtMostTenSeries_AndIncludeEveryAlarmsMetric()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var series = await EveryKindOfRunAsync(h);

        Assert.True(series.Count <= FreeTierMetrics, $"{series.Count} series: {string.Join(", ", series)}");
        Assert.All(TemplateAlarms.CleanupMetrics(), alarm => Assert.Contains(alarm, series));
        Assert.DoesNotContain(series, s => s.Name == "KeptByReason");
    }

    [Fact]
    public async Task DetailedMetrics_AddEveryCountPerTriggerAndKeptByReason()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Options = h.Options with { Metrics = MetricDetail.Detailed };

        var series = await EveryKindOfRunAsync(h);

        Assert.True(series.Count > FreeTierMetrics, $"{series.Count} series");
        Assert.Contains(new EmfSeries(RunLog.MetricNamespace, "KeptByReason", "Reason=task-alive,Trigger=Sweep"), series);
        Assert.Contains(new EmfSeries(RunLog.MetricNamespace, "TasksDeferredByBrake", "Trigger=TaskStopped"), series);
        Assert.All(TemplateAlarms.CleanupMetrics(), alarm => Assert.Contains(alarm, series));
    }

    // Every path that ends in a metric line: the series are fixed by the trigger, not by what the fleet holds.
    private static async Task<HashSet<EmfSeries>> EveryKindOfRunAsync(EmulatorHarness h)
    {
        var (live, dead) = await h.SettledFleetAsync(running: 3, stopped: 2);
        await h.RunAsync(SqsBatch.Build([("m-stopped", h.Fleet.StoppedEvent(dead[0], h.Clock.GetUtcNow())), ("m-bad", "not an event")]));
        await h.RunAsync(SqsBatch.Build([("m-running", h.Fleet.RunningEvent(live[0], h.Clock.GetUtcNow()))]));
        await h.RunAsync("{}");
        var sweep = await h.SweepAsync();
        Assert.Equal(RunStatus.Succeeded, sweep.Status);
        Assert.False(h.HasNode(dead[1].InstanceId));
        return EmfSeries.In(h.Log.ToString());
    }
}
