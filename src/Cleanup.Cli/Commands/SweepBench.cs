using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Cleanup.Aws.Ecs;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The sweep's half of the harness: N running ECS tasks with registered nodes, a fifth of them stopped, then one
/// timed sweep through the real SSM client and the ECS adapter. Prints the time and the calls it took.
/// </summary>
public static class SweepBench
{
    public static async Task<int> RunAsync(int tasks, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }, cancellationToken);
        using var ssm = Fleet.Client(emulator);
        var fleet = new Fleet(emulator, ssm);
        var launched = new List<FleetTask>();
        for (var i = 0; i < tasks; i++)
        {
            launched.Add(await fleet.RunOnEcsAsync(i % 2 == 0 ? "shells" : "workers", cancellationToken: cancellationToken));
        }

        clock.Advance(TimeSpan.FromMinutes(15));
        await Fleet.PingAsync(launched, cancellationToken);
        var stopped = launched.Where((_, i) => i % 5 == 0).ToList();
        stopped.ForEach(t => emulator.Ecs.StopTask(t.TaskArn));
        clock.Advance(TimeSpan.FromMinutes(5));

        // The brake is opened to the fleet size: this measures the work a sweep does, not the brake.
        var options = new CleanupOptions { Region = emulator.Options.Region, AccountId = emulator.Options.AccountId, Sweep = new SweepSettings { MaxDeletionsPerRun = tasks } };
        var ecs = EcsTaskDirectoryFactory.ForEndpoint(options, new BasicAWSCredentials("test", "test"), emulator.Url);
        var runner = new CleanupRunner(new Aws.SsmRegistry(ssm), ecs, options, clock, TextWriter.Null);
        emulator.Calls.Reset();
        var watch = Stopwatch.StartNew();
        var result = await runner.RunAsync("""{"cleanup":"sweep"}"""u8.ToArray(), cancellationToken);
        watch.Stop();

        var removed = result.Items.Count(i => i.Decision.Removes);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"sweep over {tasks} owned nodes in 2 clusters ({stopped.Count} tasks stopped): {watch.Elapsed.TotalMilliseconds:F0} ms, {removed} items removed, status {Report.Names.Of(result.Status)}"));
        await output.WriteLineAsync($"AWS calls: {emulator.Calls.All().Count}");
        foreach (var group in emulator.Calls.All().GroupBy(c => c.Operation).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {group.Key,-28} {group.Count()}");
        }

        return result.Status == Report.RunStatus.Succeeded && removed == 2 * stopped.Count ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
