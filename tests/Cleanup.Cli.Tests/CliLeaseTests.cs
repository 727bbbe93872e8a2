using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Lease;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>`cleanup sweep --lease`: a sweep by hand that never runs beside the deployed stack's scheduled one.</summary>
public class CliLeaseTests
{
    private const string Name = "/cleanup/prod/sweep-lease";

    [Fact]
    public async Task Sweep_LeaseHeld_IsExitNineAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        // The CLI runs on the real clock and judges the lease by the parameter's LastModifiedDate: the emulator's
        // clock must read real time when the holder writes.
        var behind = TimeProvider.System.GetUtcNow() - h.Clock.GetUtcNow();
        h.Clock.Advance(behind > TimeSpan.Zero ? behind : TimeSpan.Zero);
        var until = TimeProvider.System.GetUtcNow().AddMinutes(5);
        await h.Ssm.PutParameterAsync(new PutParameterRequest { Name = Name, Type = "String", Value = new LeaseRecord("scheduled-sweep", until.AddMinutes(-6), until).ToJson() });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--apply", "--lease", Name, "--output", "json");

        Assert.True(exit == 9, stderr);
        Assert.Contains($"lease:    {Name}: one sweep at a time", stderr, StringComparison.Ordinal);
        var result = System.Text.Json.Nodes.JsonNode.Parse(stdout)!;
        Assert.Equal("skipped", (string?)result["status"]);
        Assert.Contains("scheduled-sweep", (string?)result["message"], StringComparison.Ordinal);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Sweep_LeaseFree_RunsAndGivesItBack()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        await h.Ssm.PutParameterAsync(new PutParameterRequest { Name = Name, Type = "String", Value = LeaseRecord.Free.ToJson() });

        var (exit, _, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--apply", "--lease", Name);

        Assert.True(exit == 0, stderr);
        Assert.False(h.HasNode(dead[0].InstanceId));
        var stored = await h.Ssm.GetParameterAsync(new GetParameterRequest { Name = Name });
        Assert.False(LeaseRecord.Parse(stored.Parameter.Value)!.IsHeld);
    }

    [Fact]
    public async Task Sweep_LeaseParameterMissing_IsExitTwoBeforeAnyOtherCall_AndCreatesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var listed = h.Emulator.Calls.Count("DescribeInstanceInformation");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--apply", "--lease", "/cleanup/prdo/sweep-lease");

        Assert.True(exit == 2, stderr);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("--lease: the parameter /cleanup/prdo/sweep-lease does not exist", line, StringComparison.Ordinal);
        Assert.Contains("/cleanup/<stack>/sweep-lease", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => h.Ssm.GetParameterAsync(new GetParameterRequest { Name = "/cleanup/prdo/sweep-lease" }));
        Assert.Equal(0, h.Emulator.Calls.Count("PutParameter") + h.Emulator.Calls.Count("GetCallerIdentity"));
        Assert.Equal(listed, h.Emulator.Calls.Count("DescribeInstanceInformation"));
        Assert.True(h.HasNode(dead[0].InstanceId));
    }

    [Theory]
    [InlineData("/aws/sweep-lease")]
    [InlineData("cleanup/sweep-lease")]
    public async Task Sweep_LeaseThatIsNoParameterName_IsExitTwoBeforeAnyCall(string name)
    {
        await using var h = await EmulatorHarness.StartAsync();

        var (exit, _, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--lease", name);

        Assert.Equal(2, exit);
        Assert.StartsWith("--lease: ", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Equal(0, h.Emulator.Calls.Count("GetParameter") + h.Emulator.Calls.Count("GetCallerIdentity"));
    }
}
