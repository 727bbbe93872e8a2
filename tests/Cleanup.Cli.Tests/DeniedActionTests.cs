using Cleanup.Cli;
using Cleanup.Emulator;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>Exit 7's line names the IAM action AWS refused, so the fix is one grant, not a search.</summary>
public class DeniedActionTests
{
    [Fact]
    public async Task Sweep_DeregistrationDenied_ExitSevenNamesSsmDeregisterManagedInstance()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (live, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        h.Emulator.Faults.FailFor("DeregisterManagedInstance", "InstanceId", dead[0].InstanceId!);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--apply");

        Assert.Equal(ExitCodes.PermissionDenied, exit);
        Assert.StartsWith("AWS denied a permission (AccessDeniedException) for ssm:DeregisterManagedInstance:", stderr.Trim().Split('\n')[^1], StringComparison.Ordinal);
        // The failed removal is a row of the table, with AWS's own words.
        var row = Assert.Single(stdout.Split('\n'), l => l.StartsWith(dead[0].InstanceId!, StringComparison.Ordinal));
        Assert.Contains("failed", row, StringComparison.Ordinal);
        Assert.Contains("not authorized to perform: ssm:DeregisterManagedInstance", row, StringComparison.Ordinal);
        Assert.True(h.HasNode(live[0].InstanceId));
    }

    [Fact]
    public async Task Sweep_EcsDeniedEverywhere_ExitSevenNamesEcsDescribeTasks()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 1, stopped: 1);
        await h.SettledFleetAsync(running: 1, stopped: 1, cluster: "batch");
        h.Emulator.Faults.FailNext("DescribeTasks", times: 1000, statusCode: 400, code: "AccessDeniedException");

        var (exit, _, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--apply");

        Assert.Equal(ExitCodes.PermissionDenied, exit);
        Assert.Contains("for ecs:DescribeTasks:", stderr.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    [Fact]
    public async Task Sweep_InventoryDenied_ExitSevenNamesSsmDescribeInstanceInformation()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 1, stopped: 1);
        h.Emulator.Faults.FailNext("DescribeInstanceInformation", times: 100, statusCode: 400, code: "AccessDeniedException");

        var (exit, _, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep");

        Assert.Equal(ExitCodes.PermissionDenied, exit);
        Assert.Contains("for ssm:DescribeInstanceInformation:", stderr.Trim().Split('\n')[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("User: arn:aws:sts::123456789012:assumed-role/ops/me is not authorized to perform: ecs:DescribeTasks on resource: arn:aws:ecs:us-east-1:123456789012:cluster/shells because no identity-based policy allows the ecs:DescribeTasks action", "ecs:DescribeTasks")]
    [InlineData("User: arn:aws:iam::123456789012:user/x is not authorized to perform: ssm:DeregisterManagedInstance on resource: arn:aws:ssm:us-east-1:123456789012:managed-instance/mi-0123456789abcdef0 with an explicit deny", "ssm:DeregisterManagedInstance")]
    [InlineData("not authorized to perform ssm:AddTagsToResource", "ssm:AddTagsToResource")]
    [InlineData("Injected fault", null)]
    [InlineData(null, null)]
    public void In_ReadsTheActionFromAwsWording(string? message, string? action) =>
        Assert.Equal(action, DeniedAction.In(message));
}
