using System.Globalization;
using System.Text.Json;
using Cleanup.Cli;
using Cleanup.Emulator;
using Cleanup.Options;
using Cleanup.Report;

namespace Cleanup.Bench.Sweep;

/// <summary>
/// The sweep bench's third part: what the stack itself costs a month for a steady fleet (every task alive, nothing
/// to remove) swept every 30 minutes, from what a sweep through the handler measurably writes and takes: log bytes,
/// the custom metrics its EMF creates, and its duration. List prices, us-east-1 (see notes/cost.md for the sources).
/// </summary>
internal static class SweepCost
{
    public const double TargetUsd = 1.00;

    // rate(30 minutes) for 30 days.
    private const int SweepsPerMonth = 48 * 30;

    // CloudWatch Logs: standard ingestion per GB, storage per GB-month; the template's LogRetentionDays default.
    private const double IngestionUsdPerGb = 0.50;
    private const double StorageUsdPerGbMonth = 0.03;
    private const int RetentionDays = 30;

    // CloudWatch: a custom metric per month (first 10,000), the account's free ones, a dashboard per month.
    private const double MetricUsd = 0.30;
    private const int FreeMetrics = 10;
    private const double DashboardUsd = 3.00;

    // Lambda on arm64 with the template's MemorySize.
    private const double GbSecondUsd = 0.0000133334;
    private const double RequestUsd = 0.20 / 1_000_000;
    private const double MemoryGb = 512 / 1024.0;

    // Lambda's own START, END and REPORT lines per invocation: not written by the handler, so not measured here.
    private const int PlatformBytesPerInvocation = 400;

    public static async Task<bool> RunAsync(int tasks, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = SweepFleet.NewClock();
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }, cancellationToken);
        var fleet = await SweepFleet.BuildAsync(emulator, clock, tasks, cancellationToken, stopEvery: 0);
        await output.WriteLineAsync(Invariant($"-- not measured: fleet 3 (steady: {fleet.Tasks.Count} tasks alive, none stopped), built in {fleet.BuildTime.TotalSeconds:F1} s"));
        using (var ssm = Cli.Demo.Fleet.Client(emulator))
        {
            await ssm.PutParameterAsync(new() { Name = SweepBench.LeaseName, Type = "String", Value = Lease.LeaseRecord.Free.ToJson() }, cancellationToken);
        }

        // A steady fleet is not consumed by a sweep: the default and the audit setting sweep the same fleet.
        emulator.Calls.Reset();
        var steady = await SweepWorkerProcess.RunAsync(emulator, tasks, cancellationToken);
        var calls = emulator.Calls.Summary().Total.Calls;
        var audit = await SweepWorkerProcess.RunAsync(emulator, tasks, cancellationToken, new Dictionary<string, string> { [EnvironmentOptions.LogDecisionsVariable] = "all", [EnvironmentOptions.MetricsVariable] = "detailed" });
        var left = emulator.Ssm.Nodes().Count + emulator.Ssm.Activations().Count;

        var sweepSeries = Series(steady.MetricLines);
        // The event function's series are not in a sweep's log: what RunMetrics gives an event run, added.
        var eventSeries = RunMetrics.Directives(RunResult.NotRun(RunStatus.Succeeded, string.Empty, false, null) with { Trigger = "TaskStopped" }, MetricDetail.Default)
            .SelectMany(d => d.DimensionSets.SelectMany(set => d.Metrics.Select(m => $"{m}[{string.Join(',', set.Select(k => k == RunMetrics.TriggerDimension ? $"{k}=TaskStopped" : k))}]")))
            .ToHashSet(StringComparer.Ordinal);
        var metrics = sweepSeries.Union(eventSeries).Count();
        var detailed = Series(audit.MetricLines).Count;

        await output.WriteLineAsync($"== measured: own cost, a steady fleet swept every 30 minutes ({SweepsPerMonth} sweeps a month), list prices us-east-1 ==");
        await output.WriteLineAsync(Invariant($"sweep over {tasks} live nodes: exit {steady.ExitCode}, {calls} AWS calls, {left} items left (expected {2 * tasks}), {steady.SweepMilliseconds?.ToString(CultureInfo.InvariantCulture) ?? "?"} ms in the handler, {steady.Wall.TotalMilliseconds:F0} ms with runtime start"));
        await output.WriteLineAsync(Invariant($"log per sweep (CLEANUP_LOG_DECISIONS=changes, the default): {steady.LogLines} lines, {steady.LogBytes:N0} bytes + ~{PlatformBytesPerInvocation} bytes of Lambda's START/END/REPORT lines (not measured)"));
        await output.WriteLineAsync(Invariant($"log per sweep (CLEANUP_LOG_DECISIONS=all and CLEANUP_METRICS=detailed, for an audit): {audit.LogLines} lines, {audit.LogBytes:N0} bytes"));
        var monthGb = (steady.LogBytes + PlatformBytesPerInvocation) * (double)SweepsPerMonth / 1e9;
        var auditGb = (audit.LogBytes + PlatformBytesPerInvocation) * (double)SweepsPerMonth / 1e9;
        await output.WriteLineAsync(Invariant($"log per month: {monthGb * 1000:F1} MB (all: {auditGb * 1000:F1} MB)"));
        await output.WriteLineAsync(Invariant($"custom metrics (CLEANUP_METRICS=default): {sweepSeries.Count} in this sweep's EMF + {eventSeries.Except(sweepSeries).Count()} only the event function emits = {metrics} (free tier {FreeMetrics}); CLEANUP_METRICS=detailed: {detailed} in this sweep's EMF alone"));
        var seconds = Math.Max(steady.Wall.TotalSeconds, (steady.SweepMilliseconds ?? 0) / 1000.0);
        var gbSeconds = seconds * MemoryGb * SweepsPerMonth;
        await output.WriteLineAsync(Invariant($"Lambda: {seconds:F2} s a sweep (with runtime start) x {MemoryGb * 1024:F0} MB x {SweepsPerMonth} = {gbSeconds:F0} GB-s a month"));

        var logs = Logs(monthGb);
        var metricUsd = Math.Max(0, metrics - FreeMetrics) * MetricUsd;
        var lambda = (gbSeconds * GbSecondUsd) + (SweepsPerMonth * RequestUsd);
        var total = logs + metricUsd + lambda;
        await output.WriteLineAsync(Invariant($"USD a month: logs {logs:F4} (ingestion {IngestionUsdPerGb:F2}/GB + storage {StorageUsdPerGbMonth:F2}/GB-month for {RetentionDays} days) + metrics {metricUsd:F2} ({MetricUsd:F2} each beyond {FreeMetrics}) + Lambda {lambda:F4} ({GbSecondUsd:F10}/GB-s arm64 + 0.20/1M requests)"));
        await output.WriteLineAsync(Invariant($"own cost: {total:F2} USD/month (target < {TargetUsd:F2}){Verdict(total < TargetUsd)}; with LogDecisions=all and MetricDetail=detailed {Logs(auditGb) + (Math.Max(0, detailed + eventSeries.Count - FreeMetrics) * MetricUsd) + lambda:F2} (at least)"));
        await output.WriteLineAsync(Invariant($"not in it: the free tiers (5 GB logs, 400,000 GB-s and 1M requests a month, per account), not taken off; the optional dashboard {DashboardUsd:F2} (3 a month free per account); the {metrics} metrics at {metrics * MetricUsd:F2} if the account's free 10 are used elsewhere; alarms; the event path's runs (none in a steady fleet); SQS polling"));
        await output.WriteLineAsync(Invariant($"AWS answers slower than loopback: at 10x the measured duration Lambda is {(gbSeconds * 10 * GbSecondUsd) + (SweepsPerMonth * RequestUsd):F4} USD/month"));
        return steady.ExitCode == ExitCodes.Ok && audit.ExitCode == ExitCodes.Ok && left == 2 * tasks;
    }

    // Ingested once; stored (uncompressed, an upper bound) for the retention, so a month's logs are stored for
    // RetentionDays / 30 months each.
    private static double Logs(double monthGb) =>
        (monthGb * IngestionUsdPerGb) + (monthGb * StorageUsdPerGbMonth * RetentionDays / 30.0);

    // Each (metric, dimension set with its values) of the EMF lines: one custom metric, as CloudWatch bills it.
    private static HashSet<string> Series(IEnumerable<string> lines)
    {
        var series = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            foreach (var directive in json.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray())
            {
                foreach (var set in directive.GetProperty("Dimensions").EnumerateArray())
                {
                    var dimensions = string.Join(',', set.EnumerateArray().Select(d => $"{d.GetString()}={json.RootElement.GetProperty(d.GetString()!).GetString()}"));
                    foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
                    {
                        series.Add($"{metric.GetProperty("Name").GetString()}[{dimensions}]");
                    }
                }
            }
        }

        return series;
    }

    private static string Verdict(bool met) => met ? ": met" : ": MISSED";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
