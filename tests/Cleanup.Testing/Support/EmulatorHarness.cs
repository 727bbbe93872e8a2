using System.Text;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;
using Cleanup.Report;

namespace Cleanup.Tests.Support;

/// <summary>
/// One emulator on loopback, a real SDK client pointed at it, a fleet builder and the real pipeline. Each test owns
/// its harness, so tests never see each other's nodes.
/// </summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private EmulatorHarness(AwsEmulator emulator, ManualClock clock, AmazonSimpleSystemsManagementClient ssm)
    {
        Emulator = emulator;
        Clock = clock;
        Ssm = ssm;
        Fleet = new Fleet(emulator, ssm);
    }

    public AwsEmulator Emulator { get; }

    public ManualClock Clock { get; }

    public AmazonSimpleSystemsManagementClient Ssm { get; }

    public Fleet Fleet { get; }

    public CleanupOptions Options { get; set; } = TestOptions.Default;

    public StringWriter Log { get; } = new();

    public static async Task<EmulatorHarness> StartAsync(int maxErrorRetry = 4, bool longTaskArns = true)
    {
        var clock = new ManualClock(Start);
        var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock, LongTaskArns = longTaskArns });
        return new EmulatorHarness(emulator, clock, Fleet.Client(emulator, maxErrorRetry));
    }

    /// <summary>
    /// The deployed pipeline: SSM (the sweep lease's parameter too) and the ECS adapter, both through the real clients
    /// to the emulator.
    /// </summary>
    public CleanupRunner Runner() => Runner(new SsmLeaseStore(Ssm));

    public CleanupRunner Runner(Cleanup.Lease.ILeaseStore leases) =>
        new(new SsmRegistry(Ssm), EcsTaskDirectoryFactory.ForEndpoint(Options, new BasicAWSCredentials("test", "test"), Emulator.Url), Options, Clock, Log, leases);

    public CleanupRunner SweepRunner() => Runner();

    public Task<RunResult> SweepAsync() => SweepRunner().RunAsync("""{"cleanup":"sweep"}"""u8.ToArray());

    public Task<RunResult> RunAsync(string eventJson) => Runner().RunAsync(Encoding.UTF8.GetBytes(eventJson));

    public Task<RunResult> RunAsync(byte[] eventJson) => Runner().RunAsync(eventJson);

    /// <summary>
    /// Stops the task in the emulator's ECS (when ECS runs it) and returns its STOPPED event, delivered once the
    /// registration grace has passed.
    /// </summary>
    public string StoppedEventAfterGrace(FleetTask task)
    {
        Clock.Advance(Options.Sweep.RegistrationGrace + TimeSpan.FromMinutes(1));
        if (Emulator.Ecs.Tasks().Any(t => t.TaskArn == task.TaskArn && t.DesiredStatus != "STOPPED"))
        {
            Emulator.Ecs.StopTask(task.TaskArn);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return Fleet.StoppedEvent(task, Clock.GetUtcNow());
    }

    /// <summary>
    /// Tasks running in the emulator's ECS with registered, pinging nodes; once past the registration grace the
    /// last <paramref name="stopped"/> of them are stopped and have been STOPPED for a few minutes.
    /// </summary>
    public async Task<(List<FleetTask> Running, List<FleetTask> Stopped)> SettledFleetAsync(int running, int stopped, string cluster = "shells")
    {
        var tasks = new List<FleetTask>();
        for (var i = 0; i < running + stopped; i++)
        {
            tasks.Add(await Fleet.RunOnEcsAsync(cluster));
        }

        Clock.Advance(Options.Sweep.RegistrationGrace + TimeSpan.FromMinutes(5));
        await Fleet.PingAsync(tasks);
        var dead = tasks.Skip(running).ToList();
        dead.ForEach(t => Emulator.Ecs.StopTask(t.TaskArn));
        Clock.Advance(TimeSpan.FromMinutes(5));
        return (tasks.Take(running).ToList(), dead);
    }

    /// <summary>What a user's shell would export to point the CLI (a child process) at this emulator.</summary>
    public Dictionary<string, string?> CliEnvironment() => new()
    {
        ["AWS_ENDPOINT_URL"] = Emulator.Url.ToString().TrimEnd('/'),
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
    };

    public int DeletingCalls() =>
        Emulator.Calls.Count("DeregisterManagedInstance") + Emulator.Calls.Count("DeleteActivation");

    public bool HasNode(string? instanceId) => Emulator.Ssm.Nodes().Any(n => n.InstanceId == instanceId);

    public bool HasActivation(string activationId) => Emulator.Ssm.Activations().Any(a => a.ActivationId == activationId);

    public async ValueTask DisposeAsync()
    {
        Ssm.Dispose();
        await Emulator.DisposeAsync();
        await Log.DisposeAsync();
    }
}
