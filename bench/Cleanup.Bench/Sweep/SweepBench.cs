using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Cleanup.Aws.Ecs;
using Cleanup.Cli;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;
using Cleanup.Report;

namespace Cleanup.Bench.Sweep;

/// <summary>
/// The sweep's half of the harness. Two identical fleets (N tasks over four clusters, a fifth stopped), each in an
/// emulator of its own, because a sweep consumes its fleet: on the first, one timed sweep in this process through
/// the real SSM client and the ECS adapter, with its calls against the floor; on the second, the same sweep through
/// the handler in a child process, whose peak memory is then the function's alone; on a third, steady fleet (none
/// stopped), what the stack itself costs a month (<see cref="SweepCost"/>). Building is not measured.
/// </summary>
public static class SweepBench
{
    public const long SummaryTargetBytes = 256 * 1024;
    public const long PeakTargetBytes = 128L * 1024 * 1024;
    public const double CallRatioTarget = 1.05;

    /// <summary>The lease both measured sweeps take, as the deployed sweep takes the template's SweepLease.</summary>
    public const string LeaseName = "/cleanup/bench/sweep-lease";

    public static async Task<int> RunAsync(int tasks, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var timed = await TimedSweepAsync(tasks, output, cancellationToken);
        var child = await ChildSweepAsync(tasks, output, cancellationToken);
        var cost = await SweepCost.RunAsync(tasks, output, cancellationToken);
        return timed && child && cost ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<bool> TimedSweepAsync(int tasks, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = SweepFleet.NewClock();
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }, cancellationToken);
        var fleet = await SweepFleet.BuildAsync(emulator, clock, tasks, cancellationToken);
        await DescribeAsync(output, "fleet 1", fleet);
        var floor = SweepFloor.Of(
            emulator.Ssm.Nodes().Count,
            emulator.Ssm.Activations().Count,
            fleet.PerCluster().Select(c => (c.Tasks, c.Dead)),
            2 * fleet.Stopped.Count);

        using var ssm = Fleet.Client(emulator);
        // As deployed: the sweep takes the lease (the template's SweepLease), within the default FunctionTimeout.
        var options = new CleanupOptions
        {
            Region = emulator.Options.Region,
            AccountId = emulator.Options.AccountId,
            Sweep = new SweepSettings { MaxDeletionsPerRun = tasks },
            SweepLease = LeaseName,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var ecs = EcsTaskDirectoryFactory.ForEndpoint(options, new BasicAWSCredentials("test", "test"), emulator.Url);
        var runner = new CleanupRunner(new Aws.SsmRegistry(ssm), ecs, options, clock, TextWriter.Null, new Aws.SsmLeaseStore(ssm));
        await CreateLeaseAsync(ssm, cancellationToken);
        emulator.Calls.Reset();
        var watch = Stopwatch.StartNew();
        var result = await runner.RunAsync("""{"cleanup":"sweep"}"""u8.ToArray(), cancellationToken);
        watch.Stop();

        var removed = result.Items.Count(i => i.Decision.Removes);
        var calls = emulator.Calls.Summary();
        var summary = Encoding.UTF8.GetByteCount(RunResultJson.Serialize(result, includeItems: false));
        await output.WriteLineAsync("== measured: one sweep in this process (real SSM SDK client, ECS adapter, emulator on loopback) ==");
        await output.WriteLineAsync(Invariant($"sweep over {tasks} owned nodes in {SweepFleet.ClusterNames.Length} clusters ({fleet.Stopped.Count} tasks stopped): {watch.Elapsed.TotalMilliseconds:F0} ms, {removed} items removed, status {Names.Of(result.Status)}"));
        await output.WriteLineAsync(Invariant($"AWS calls: {calls.Total.Calls} ({calls.Total.Throttled} throttled, {calls.Total.Errors} errors)"));
        foreach (var (operation, counts) in calls.Operations)
        {
            await output.WriteLineAsync(Invariant($"  {operation,-28} {counts.Calls}"));
        }

        await output.WriteLineAsync(Invariant($"floor F = node pages {floor.NodePages} + activation pages {floor.ActivationPages} + DescribeTasks {floor.DescribeTasks} + proof pages {floor.ProofPages} + deletions {floor.Deletions} + lease {SweepFloor.LeaseCalls} = {floor.Total}"));
        var ratio = (double)calls.Total.Calls / floor.Total;
        await output.WriteLineAsync(Invariant($"calls {calls.Total.Calls} vs floor F {floor.Total}: {ratio:F2} (target ≤ {CallRatioTarget:F2}){Verdict(ratio <= CallRatioTarget)}"));
        await output.WriteLineAsync(Invariant($"summary JSON the handler returns: {summary} bytes (target < {SummaryTargetBytes / 1024} KB){Verdict(summary < SummaryTargetBytes)}"));
        return result.Status == RunStatus.Succeeded && removed == floor.Deletions;
    }

    private static async Task<bool> ChildSweepAsync(int tasks, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = SweepFleet.NewClock();
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }, cancellationToken);
        var fleet = await SweepFleet.BuildAsync(emulator, clock, tasks, cancellationToken);
        await DescribeAsync(output, "fleet 2 (identical, in a new emulator)", fleet);
        using (var ssm = Fleet.Client(emulator))
        {
            await CreateLeaseAsync(ssm, cancellationToken);
        }

        emulator.Calls.Reset();
        var run = await SweepWorkerProcess.RunAsync(emulator, tasks, cancellationToken);

        var left = emulator.Ssm.Nodes().Count + emulator.Ssm.Activations().Count;
        var expectedLeft = 2 * (tasks - fleet.Stopped.Count);
        await output.WriteLineAsync($"== measured: the same sweep through Function.Handler in a child process (`Cleanup.Bench {SweepWorker.Flag}`) ==");
        await output.WriteLineAsync(Invariant($"child: exit {run.ExitCode}, sweep {run.SweepMilliseconds?.ToString(CultureInfo.InvariantCulture) ?? "?"} ms in the handler, {run.Wall.TotalMilliseconds:F0} ms with runtime start, {emulator.Calls.Summary().Total.Calls} AWS calls, {left} items left (expected {expectedLeft})"));
        await output.WriteLineAsync(Invariant($"decision log on the child's stdout: {run.LogLines} lines, {run.LogBytes / 1024} KiB; its answer: {Encoding.UTF8.GetByteCount(run.Answer)} bytes"));
        await output.WriteLineAsync(run.PeakResidentBytes is { } peak
            ? Invariant($"peak RSS of the sweep process: {ProcessMemory.Mib(peak)} MiB (target < {PeakTargetBytes / (1024 * 1024)} MiB){Verdict(peak < PeakTargetBytes)}")
            : "peak RSS of the sweep process: unknown (no /proc/PID/status here)");
        await output.WriteLineAsync($"child's GC: {run.Gc ?? "?"}");
        if (run.ExitCode != ExitCodes.Ok)
        {
            await output.WriteLineAsync($"child's answer: {run.Answer}");
        }

        return run.ExitCode == ExitCodes.Ok && left == expectedLeft;
    }

    // The stack creates the lease parameter free; without it the first read would be a ParameterNotFound.
    private static Task CreateLeaseAsync(Amazon.SimpleSystemsManagement.IAmazonSimpleSystemsManagement ssm, CancellationToken cancellationToken) =>
        ssm.PutParameterAsync(new() { Name = LeaseName, Type = "String", Value = Lease.LeaseRecord.Free.ToJson() }, cancellationToken);

    private static Task DescribeAsync(TextWriter output, string label, SweepFleet fleet) =>
        output.WriteLineAsync(Invariant($"-- not measured: {label}: {fleet.Tasks.Count} tasks ({string.Join(", ", fleet.PerCluster().Select(c => $"{c.Cluster} {c.Tasks}"))}), {fleet.Stopped.Count} stopped; built through CreateActivation and the agent's register and ping calls in {fleet.BuildTime.TotalSeconds:F1} s"));

    private static string Verdict(bool met) => met ? ": met" : ": MISSED";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
