using Cleanup.Emulator;
using Cleanup.Options;

namespace Cleanup.Cli.Demo;

/// <summary>
/// The fleet `cleanup emulator --seed demo` starts with: the task of events/task-stopped.json (its node registered
/// half an hour ago, the task stopped a minute ago), three running tasks with live nodes in 'shells' and an on-prem
/// node that is not ours. Built on an <see cref="OffsetClock"/> half an hour behind, then advanced to real time, so
/// the CLI (on the system clock) sees registrations older than the sweep's grace.
/// </summary>
public static class DemoSeed
{
    public const string Name = "demo";

    public const string SampleCluster = "shells";

    public const string SampleTaskId = "5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";

    /// <summary>How far in the past the fleet is built.</summary>
    public static readonly TimeSpan Age = TimeSpan.FromMinutes(30);

    /// <summary>The clock to start the emulator with: <see cref="Age"/> behind; <see cref="SeedAsync"/> brings it to real time.</summary>
    public static OffsetClock Clock() => new(-Age);

    public static async Task<IReadOnlyList<string>> SeedAsync(AwsEmulator emulator, OffsetClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(clock);
        using var ssm = Fleet.Client(emulator);
        var fleet = new Fleet(emulator, ssm);
        var tags = new OwnershipTags(CleanupOptions.DefaultTagPrefix);

        // The sample task, under the exact ARN the sample events name, with the SSM side its entrypoint creates.
        var sample = emulator.Ecs.RunTask(new NewTask { Cluster = SampleCluster, TaskId = SampleTaskId });
        var (activationId, code) = await fleet.CreateActivationAsync(
            OwnershipTags.InstanceName(SampleCluster, SampleTaskId),
            new Dictionary<string, string> { [tags.TaskArnKey] = sample.TaskArn, [tags.ClusterArnKey] = sample.ClusterArn },
            cancellationToken);
        var sampleIp = sample.PrivateIp ?? "10.0.0.1";
        var sampleAgent = await StubAgent.RegisterAsync(emulator.Url, activationId, code, cancellationToken);
        await sampleAgent.PingAsync(sampleIp, $"ip-{sampleIp.Replace('.', '-')}", cancellationToken);

        var running = new List<FleetTask>();
        for (var i = 0; i < 3; i++)
        {
            running.Add(await fleet.RunOnEcsAsync(SampleCluster, cancellationToken: cancellationToken));
        }

        var onPrem = await fleet.RegisterForeignAsync("onprem-db-01", "192.168.10.5", new Dictionary<string, string> { ["team"] = "dba" }, cancellationToken);

        // The sample task dies a minute before now; the running tasks' agents keep pinging, the others fell silent.
        clock.Advance(Age - TimeSpan.FromMinutes(1));
        emulator.Ecs.StopTask(sample.TaskArn, "EssentialContainerExited", "Essential container in task exited");
        clock.Advance(-clock.Offset);
        await Fleet.PingAsync(running, cancellationToken);

        var lines = new List<string>
        {
            $"seeded fleet 'demo' (registered {Age.TotalMinutes:0} minutes ago):",
            $"  STOPPED  {sample.TaskArn}  node {sampleAgent.InstanceId} (the task of events/task-stopped.json)",
        };
        lines.AddRange(running.Select(t => $"  RUNNING  {t.TaskArn}  node {t.InstanceId}"));
        lines.Add($"  on-prem  onprem-db-01  node {onPrem.InstanceId} (no ownership tags: not ours)");
        return lines;
    }
}
