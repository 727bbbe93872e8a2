using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using BenchmarkDotNet.Running;
using Cleanup.Aws.Ecs;
using Cleanup.Bench.Burst;
using Cleanup.Bench.Planning;
using Cleanup.Bench.Sweep;
using Cleanup.Cli;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;

namespace Cleanup.Bench;

/// <summary>
/// The bench's command line, and its first harness (a measurement, not a test): builds N registered tasks in the
/// emulator, delivers one STOPPED event per task through the real pipeline and SDK client, and prints latency
/// percentiles and SSM calls per event.
/// </summary>
public static class BenchCommand
{
    /// <summary>How the bench is run from a clone, as docs/performance.md writes it.</summary>
    public const string Invocation = "dotnet run -c Release --project bench/Cleanup.Bench --";

    public const string Help = $$"""
        Measure against the emulator (a harness, not a test):
          {{Invocation}} [--sweep] [--tasks N]   the event path, or one sweep (200 tasks)
          {{Invocation}} --burst [options]       N tasks stop at once, delivered as the SQS mapping would, against a quota
          {{Invocation}} --planner [--tasks N]   time the planner on N nodes + N activations (100000)
          {{Invocation}} --planner-bdn [BenchmarkDotNet flags]   the planner under BenchmarkDotNet (minutes; by hand, not in CI)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["--help"] or ["-h"])
        {
            await output.WriteLineAsync(Help);
            return ExitCodes.Ok;
        }

        // The child process the sweep bench starts to measure a sweep's memory, not a mode for people.
        if (args is [SweepWorker.Flag])
        {
            return await SweepWorker.RunAsync(error, cancellationToken);
        }

        if (args is ["--planner", ..])
        {
            var nodes = 100_000;
            if (args is not (["--planner"] or ["--planner", "--tasks", _]) ||
                (args is [_, _, var count] && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out nodes) || nodes is < 1 or > 1_000_000)))
            {
                await error.WriteLineAsync($"usage: {Invocation} --planner [--tasks N]   (N nodes + N activations, 1 to 1000000; default 100000)");
                return ExitCodes.Invalid;
            }

            return await PlannerBench.RunAsync(nodes, output, cancellationToken);
        }

        if (args is ["--planner-bdn", ..])
        {
            // What follows is BenchmarkDotNet's own command line (--job short, --filter, --inProcess, ...).
            var summary = BenchmarkRunner.Run<PlannerBenchmarks>(args: [.. args.Skip(1)]);
            return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? ExitCodes.Failed : ExitCodes.Ok;
        }

        if (args is ["--burst", ..])
        {
            return await BurstBench.RunAsync([.. args.Skip(1)], output, error, cancellationToken);
        }

        var sweep = args.Contains("--sweep");
        var rest = args.Where(a => a != "--sweep").ToList();
        var tasks = 200;
        if (rest is ["--tasks", var raw] && (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out tasks) || tasks is < 1 or > 20000))
        {
            await error.WriteLineAsync("--tasks must be a number from 1 to 20000");
            return ExitCodes.Invalid;
        }
        else if (rest is not ([] or ["--tasks", _]))
        {
            await error.WriteLineAsync($"usage: {Invocation} [--sweep] [--tasks N] | --burst [options] | --planner [--tasks N]");
            return ExitCodes.Invalid;
        }

        if (sweep)
        {
            return await SweepBench.RunAsync(tasks, output, cancellationToken);
        }

        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }, cancellationToken);
        using var ssm = Fleet.Client(emulator);
        var fleet = new Fleet(emulator, ssm);
        var launched = new List<FleetTask>();
        for (var i = 0; i < tasks; i++)
        {
            launched.Add(await fleet.RunOnEcsAsync("shells", cancellationToken: cancellationToken));
        }

        // Every task stops in ECS, which is what each event's DescribeTasks will find.
        clock.Advance(TimeSpan.FromMinutes(15));
        launched.ForEach(t => emulator.Ecs.StopTask(t.TaskArn));
        clock.Advance(TimeSpan.FromMinutes(1));
        var options = new CleanupOptions { Region = emulator.Options.Region, AccountId = emulator.Options.AccountId };
        var ecs = EcsTaskDirectoryFactory.ForEndpoint(options, new BasicAWSCredentials("test", "test"), emulator.Url);
        var runner = new CleanupRunner(new Aws.SsmRegistry(ssm), ecs, options, clock, TextWriter.Null);

        // One warm-up event outside the measurement: JIT and the first connection are a cold start, not a cost per event.
        await runner.RunAsync(Encoding.UTF8.GetBytes(fleet.StoppedEvent(launched[0], clock.GetUtcNow())), cancellationToken);
        emulator.Calls.Reset();
        var timings = new List<double>();
        var failures = 0;
        foreach (var task in launched.Skip(1))
        {
            var json = Encoding.UTF8.GetBytes(fleet.StoppedEvent(task, clock.GetUtcNow()));
            var watch = Stopwatch.StartNew();
            var result = await runner.RunAsync(json, cancellationToken);
            timings.Add(watch.Elapsed.TotalMilliseconds);
            failures += result.Status == Report.RunStatus.Succeeded ? 0 : 1;
        }

        timings.Sort();
        var events = timings.Count;
        await output.WriteLineAsync($"events: {events} (fleet of {tasks} registered tasks, one STOPPED event each, emulator on loopback)");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"latency per event ms: p50 {Percentile(timings, 0.50):F1}  p95 {Percentile(timings, 0.95):F1}  max {timings[^1]:F1}"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"AWS calls per event: {(double)emulator.Calls.All().Count / events:F2}"));
        foreach (var group in emulator.Calls.All().GroupBy(c => c.Operation).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {group.Key,-28} {(double)group.Count() / events:F2}"));
        }

        await output.WriteLineAsync($"nodes left: {emulator.Ssm.Nodes().Count}, activations left: {emulator.Ssm.Activations().Count}, failed runs: {failures}");
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
