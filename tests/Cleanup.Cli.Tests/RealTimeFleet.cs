using Cleanup.Cli.Demo;
using Cleanup.Emulator;

namespace Cleanup.Tests.Cli;

/// <summary>
/// An emulator on the real clock (as `emulator --seed demo` runs) with a fleet built half an hour ago, for CLI runs: the
/// child process judges ages on the real clock, so a fleet on the harness' fixed clock would look days old to it.
/// </summary>
internal sealed class RealTimeFleet : IAsyncDisposable
{
    private static readonly TimeSpan _age = TimeSpan.FromMinutes(30);
    private readonly OffsetClock _clock;
    private readonly Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient _ssm;

    private RealTimeFleet(AwsEmulator emulator, OffsetClock clock)
    {
        Emulator = emulator;
        _clock = clock;
        _ssm = Fleet.Client(emulator);
    }

    public AwsEmulator Emulator { get; }

    /// <summary>Builds <paramref name="running"/> and <paramref name="stopped"/> tasks per cluster 30 minutes ago, stops the
    /// stopped ones a minute ago, and brings the clock to now with the running ones' agents pinging.</summary>
    public static async Task<(RealTimeFleet Fleet, List<FleetTask> Running, List<FleetTask> Stopped)> StartAsync(params (string Cluster, int Running, int Stopped)[] clusters)
    {
        var clock = new OffsetClock(-_age);
        var fleet = new RealTimeFleet(await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }), clock);
        var builder = new Fleet(fleet.Emulator, fleet._ssm);
        var (running, stopped) = (new List<FleetTask>(), new List<FleetTask>());
        foreach (var (cluster, up, down) in clusters)
        {
            for (var i = 0; i < up + down; i++)
            {
                (i < up ? running : stopped).Add(await builder.RunOnEcsAsync(cluster));
            }
        }

        clock.Advance(_age - TimeSpan.FromMinutes(1));
        foreach (var task in stopped)
        {
            fleet.Emulator.Ecs.StopTask(task.TaskArn, "EssentialContainerExited", "Essential container in task exited");
        }

        clock.Advance(-clock.Offset);
        await Fleet.PingAsync(running);
        return (fleet, running, stopped);
    }

    public Dictionary<string, string?> CliEnvironment() => new()
    {
        ["AWS_ENDPOINT_URL"] = Emulator.Url.ToString().TrimEnd('/'),
        ["AWS_REGION"] = Emulator.Options.Region,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
    };

    public bool HasNode(string? instanceId) => Emulator.Ssm.Nodes().Any(n => n.InstanceId == instanceId);

    public async ValueTask DisposeAsync()
    {
        _ssm.Dispose();
        await Emulator.DisposeAsync();
    }
}
