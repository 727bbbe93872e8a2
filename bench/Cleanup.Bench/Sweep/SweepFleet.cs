using System.Diagnostics;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;

namespace Cleanup.Bench.Sweep;

/// <summary>
/// The sweep bench's fleet in one emulator: N tasks round-robin over four ECS clusters, each with its tagged
/// activation and a registered, pinging node, and every fifth task stopped. Built through the same calls containers
/// make (CreateActivation with the SDK, the agent's register and ping), a few at a time, because the emulator has no
/// shortcut that registers a node against its activation.
/// </summary>
internal sealed class SweepFleet
{
    public static readonly string[] ClusterNames = ["shells", "workers", "batch", "jobs"];

    // Loopback calls are cheap but serial ones leave both cores idle half the time; more would only queue.
    private const int BuildConcurrency = 8;

    private SweepFleet(IReadOnlyList<FleetTask> tasks, IReadOnlyList<FleetTask> stopped, TimeSpan buildTime)
    {
        Tasks = tasks;
        Stopped = stopped;
        BuildTime = buildTime;
    }

    public IReadOnlyList<FleetTask> Tasks { get; }

    public IReadOnlyList<FleetTask> Stopped { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>Per cluster: tasks the sweep will name (all of them, each has a node and an activation) and dead ones.</summary>
    public IEnumerable<(string Cluster, int Tasks, int Dead)> PerCluster() => ClusterNames.Select(c =>
        (c, Tasks.Count(t => t.ClusterName == c), Stopped.Count(t => t.ClusterName == c)));

    /// <summary>
    /// A clock that ends the build ten minutes behind real time, so a sweep in another process (which reads the
    /// system clock) sees the nodes as old enough to judge and the activations as unexpired, like this one does.
    /// </summary>
    public static ManualClock NewClock() => new(TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(30));

    /// <summary>The fleet; <paramref name="stopEvery"/> 0 stops none (a steady fleet, for what a sweep costs when nothing dies).</summary>
    public static async Task<SweepFleet> BuildAsync(AwsEmulator emulator, ManualClock clock, int count, CancellationToken cancellationToken, int stopEvery = 5)
    {
        var watch = Stopwatch.StartNew();
        using var ssm = Fleet.Client(emulator);
        var fleet = new Fleet(emulator, ssm);
        var tasks = new FleetTask[count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = BuildConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, token) =>
            tasks[i] = await fleet.RunOnEcsAsync(ClusterNames[i % ClusterNames.Length], cancellationToken: token));

        clock.Advance(TimeSpan.FromMinutes(15));
        await Parallel.ForEachAsync(tasks, parallel, async (task, token) =>
            await task.Agent!.PingAsync(task.Ip, $"ip-{task.Ip.Replace('.', '-')}", token));
        var stopped = stopEvery > 0 ? tasks.Where((_, i) => i % stopEvery == 0).ToList() : [];
        stopped.ForEach(t => emulator.Ecs.StopTask(t.TaskArn));
        clock.Advance(TimeSpan.FromMinutes(5));

        // The emulated ECS plays every due status change on its next read, one scan of all tasks per change: left
        // alone, that catch-up would land in the measured sweep's first DescribeTasks.
        emulator.Ecs.Tasks();
        return new SweepFleet(tasks, stopped, watch.Elapsed);
    }
}
