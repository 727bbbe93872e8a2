using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Cli;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;

namespace Cleanup.Bench.Burst;

/// <summary>
/// The burst harness: N registered tasks stop at once, their STOPPED events wait in a simulated SQS queue, and the
/// deployed handler drains it as the event source mapping would, against the emulator's per-operation quota.
/// Measures whether a mass stop is cleaned up near the quota's pace without a message reaching the dead-letter queue.
/// </summary>
public static class BurstBench
{
    /// <summary>The target: within a quarter of the time the quota alone forces.</summary>
    private const double TargetRatio = 1.25;

    // A run that has not drained the queue by then is stuck, not slow.
    private static readonly TimeSpan _wallCap = TimeSpan.FromMinutes(10);

    // The runner's ECS calls; everything else the emulator answered during the run was SSM.
    private static readonly HashSet<string> _ecsOperations = new(StringComparer.Ordinal) { "DescribeTasks", "ListTasks" };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (settings, problem) = BurstSettings.Parse(args);
        if (settings is null)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Invalid;
        }

        // The runner uses the real clock (as deployed), so the emulator's clock is set back far enough that the
        // fleet is past the registration grace and its tasks stopped a minute ago by the time the queue is drained.
        var grace = new SweepSettings().RegistrationGrace;
        var clock = new ManualClock(TimeProvider.System.GetUtcNow() - grace - TimeSpan.FromMinutes(6));
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }, cancellationToken);
        var queue = new QueueSimulator(TimeProvider.System, settings.Visibility, settings.MaxReceiveCount);
        var warmUps = await BuildStoppedFleetAsync(emulator, clock, grace, settings.Tasks, settings.MaximumConcurrency, queue, cancellationToken);

        var options = new CleanupOptions
        {
            Region = emulator.Options.Region,
            AccountId = emulator.Options.AccountId,
            Timeout = settings.Timeout,
            Sweep = new SweepSettings { MaxDeletionsPerRun = settings.MaxDeletionsPerRun },
        };
        var clients = Enumerable.Range(0, settings.MaximumConcurrency).Select(_ => DeployedSsmClient(options, emulator)).ToList();
        try
        {
            // One function per concurrent invocation: each execution environment has its own clients.
            var handlers = clients
                .Select(ssm => new CleanupRunner(new SsmRegistry(ssm), EcsTaskDirectoryFactory.ForEndpoint(options, new BasicAWSCredentials("test", "test"), emulator.Url), options, TimeProvider.System, TextWriter.Null))
                .Select(runner => (Func<Stream, Task<Stream>>)new Function(runner).Handler)
                .ToArray();
            var mapping = new EventSourceMapping(queue, new MappingSettings(settings.BatchSize, settings.Window, settings.MaximumConcurrency, options.Region, emulator.Options.AccountId), handlers);

            // One warm-up event per environment outside the measurement, as in the per-event bench: JIT and the
            // first connection are a cold start, paid once per environment, not a cost of the burst.
            for (var i = 0; i < handlers.Length; i++)
            {
                using var input = new MemoryStream(Encoding.UTF8.GetBytes(SqsBatch.Build(warmUps[i])));
                await using var answer = await handlers[i](input);
            }

            emulator.RateLimits.Set(settings.RateLimit);
            emulator.Calls.Reset();
            var watch = Stopwatch.StartNew();
            var stats = await mapping.RunAsync(_wallCap, cancellationToken);
            watch.Stop();
            return await ReportAsync(output, settings, emulator, queue, stats, watch.Elapsed);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Queues the STOPPED events of <paramref name="count"/> tasks and returns those of the warm-up tasks.</summary>
    private static async Task<string[]> BuildStoppedFleetAsync(AwsEmulator emulator, ManualClock clock, TimeSpan grace, int count, int warmUps, QueueSimulator queue, CancellationToken cancellationToken)
    {
        using var ssm = Fleet.Client(emulator);
        var fleet = new Fleet(emulator, ssm);
        var launched = new FleetTask[count + warmUps];

        // Unthrottled and a few at a time: building the fleet is setup, not what is measured.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, launched.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, token) => launched[i] = await fleet.RunOnEcsAsync("shells", cancellationToken: token));

        clock.Advance(grace + TimeSpan.FromMinutes(5));
        foreach (var task in launched)
        {
            emulator.Ecs.StopTask(task.TaskArn);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var task in launched.Take(count))
        {
            queue.Send(fleet.StoppedEvent(task, clock.GetUtcNow()));
        }

        return [.. launched.Skip(count).Select(t => fleet.StoppedEvent(t, clock.GetUtcNow()))];
    }

    // The production client's settings (retry mode, attempts, timeout), pointed at the emulator.
    private static AmazonSimpleSystemsManagementClient DeployedSsmClient(CleanupOptions options, AwsEmulator emulator)
    {
        var config = SsmClientFactory.Config(options);
        config.ServiceURL = emulator.Url.ToString();
        config.AuthenticationRegion = emulator.Options.Region;
        return new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("test", "test"), config);
    }

    private static async Task<int> ReportAsync(TextWriter output, BurstSettings settings, AwsEmulator emulator, QueueSimulator queue, MappingStats stats, TimeSpan wall)
    {
        var summary = emulator.Calls.Summary();
        var ssm = summary.Operations.Where(o => !_ecsOperations.Contains(o.Key)).ToList();
        var ssmCalls = ssm.Sum(o => o.Value.Calls);
        var ssmThrottled = ssm.Sum(o => o.Value.Throttled);

        // The floor counts the calls the work needs (answered ones); throttled attempts are the overhead measured.
        var needed = ssmCalls - ssmThrottled;
        var floor = needed / settings.RateLimit.PerSecond;
        var ratio = floor > 0 ? wall.TotalSeconds / floor : double.PositiveInfinity;
        var nodesLeft = emulator.Ssm.Nodes().Count;
        var activationsLeft = emulator.Ssm.Activations().Count;
        var deadLetters = queue.DeadLetters.Count;

        var lines = new List<FormattableString>
        {
            $"tasks: {settings.Tasks} stopped at once, one STOPPED event each queued; quota {settings.RateLimit}",
            $"mapping: batch size {settings.BatchSize}, window {settings.Window.TotalSeconds:0.##} s, max concurrency {settings.MaximumConcurrency}, visibility {settings.Visibility.TotalSeconds:0.##} s, max receive {settings.MaxReceiveCount}; MaxDeletionsPerRun {settings.MaxDeletionsPerRun}",
            $"batches invoked: {stats.Batches} ({stats.ThrownBatches} threw), longest invocation {stats.LongestInvocation.TotalSeconds:F1} s",
            $"calls per operation (calls, throttled, other errors):",
        };
        lines.AddRange(summary.Operations.Select(o => (FormattableString)$"  {o.Key,-28} {o.Value.Calls,6} {o.Value.Throttled,6} {o.Value.Errors - o.Value.Throttled,6}"));
        lines.Add($"SSM calls: {ssmCalls} ({ssmThrottled} throttled, {needed} answered)");
        lines.Add($"failures: {stats.MessagesReturned} messages returned (those the brake's per-run limit deferred included), {queue.StaleDeletes} stale deletes, {queue.Count} still queued, dead-letter queue {deadLetters}");
        lines.Add($"most receives of one message: {queue.MostReceives} (SQS moves a message to the dead-letter queue on the receive after {settings.MaxReceiveCount})");
        if (queue.MostReceives > 1)
        {
            // A returned message is invisible until its visibility timeout runs out, so each redelivery is a wave.
            lines.Add($"  returned messages waited out the visibility timeout {queue.MostReceives - 1} time(s): ≥ {(queue.MostReceives - 1) * settings.Visibility.TotalSeconds:0.#} s of the wall time (in AWS, × QueueVisibilityTimeoutSeconds each)");
        }

        lines.Add($"nodes left: {nodesLeft}, activations left: {activationsLeft}");
        if (stats.TimedOut)
        {
            lines.Add($"FAILED: the queue was not drained within {_wallCap.TotalMinutes:0} minutes");
        }

        lines.Add($"wall time {wall.TotalSeconds:F1} s; floor: SSM calls ÷ quota = {needed} ÷ {settings.RateLimit.PerSecond:0.##}/s = {floor:F1} s; ratio {ratio:F2} (target ≤ {TargetRatio:0.00})");
        if (ssm.Count > 0)
        {
            // The quota is per operation, so operations overlap: the busiest one alone sets a lower bound.
            var (busiest, counts) = ssm.MaxBy(o => o.Value.Calls - o.Value.Throttled);
            lines.Add($"  busiest operation alone: {busiest} {counts.Calls - counts.Throttled} ÷ {settings.RateLimit.PerSecond:0.##}/s = {(counts.Calls - counts.Throttled) / settings.RateLimit.PerSecond:F1} s");
        }

        lines.Add($"dead-letter queue: {deadLetters} (target 0)");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture));
        }

        var clean = !stats.TimedOut && deadLetters == 0 && queue.Count == 0 && nodesLeft == 0 && activationsLeft == 0;
        return clean && ratio <= TargetRatio ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
