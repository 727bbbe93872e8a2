using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>`cleanup sweep` in a child process, reaching SSM and ECS in the emulator only through AWS_ENDPOINT_URL.</summary>
public class SweepCommandTests
{
    private static Dictionary<string, string?> Environment(EmulatorHarness h) => h.CliEnvironment();

    [Fact]
    public async Task Sweep_DryRun_ListsWhatItWouldRemoveCountsTheRoutineKeepsAndDeletesNothing()
    {
        // On the real clock, as the child process judges ages: the running task's activation is in use, not expired.
        var (h, live, dead) = await RealTimeFleet.StartAsync(("shells", 1, 1));
        await using var fleet = h;
        var (running, stopped) = (live[0], dead[0]);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--dry-run");

        Assert.True(exit == 0, stderr);
        Assert.Contains("STATUS SOURCE", stdout, StringComparison.Ordinal);
        var stoppedLine = Assert.Single(stdout.Split('\n'), l => l.StartsWith(stopped.InstanceId!, StringComparison.Ordinal));
        Assert.Contains("would-remove", stoppedLine, StringComparison.Ordinal);
        Assert.Contains("task-stopped", stoppedLine, StringComparison.Ordinal);
        Assert.Contains("ecs:DescribeTasks:STOPPED", stoppedLine, StringComparison.Ordinal);
        // The running task's node and activation are routine keeps: counted by reason, not listed.
        Assert.DoesNotContain(running.InstanceId!, stdout, StringComparison.Ordinal);
        Assert.Contains("kept, not listed: 1 activation-in-use, 1 task-alive", stdout, StringComparison.Ordinal);
        Assert.Contains("per advanced node-hour", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"deadNodeCostUsd\"", stdout, StringComparison.Ordinal);
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance") + h.Emulator.Calls.Count("DeleteActivation"));
        // Progress goes to stderr, phase by phase, so a long sweep is visibly alive.
        Assert.Contains("progress: reading the owned fleet", stderr, StringComparison.Ordinal);
        Assert.Contains("progress: inventory: 2 nodes, 2 activations, 2 tasks answered for by ECS, 0 tag reads", stderr, StringComparison.Ordinal);
        Assert.Contains("progress: decided and applied 4 of 4 items", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("progress:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_ForReal_RemovesTheStoppedTasksNode()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (live, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var (running, stopped) = (live[0], dead[0]);

        var (exit, _, stderr) = await CliProcess.RunAsync(Environment(h), "sweep", "--json", "--apply");

        Assert.True(exit == 0, stderr);
        Assert.False(h.HasNode(stopped.InstanceId));
        Assert.True(h.HasNode(running.InstanceId));
    }

    [Fact]
    public async Task Sweep_UnknownArgument_ExitsTwo()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var (exit, _, stderr) = await CliProcess.RunAsync(Environment(h), "sweep", "--force");

        Assert.Equal(2, exit);
        Assert.Contains("'--force'", stderr, StringComparison.Ordinal);
        Assert.Contains("cleanup sweep --help", stderr, StringComparison.Ordinal);
    }
}
