using System.Text.Json.Nodes;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>The AWS CLI (botocore, i.e. the model itself) must be able to talk to the emulator.</summary>
public sealed class AwsCliTests : EmulatorTest
{
    [AwsCliFact]
    public async Task Cli_DescribeActivations_AutoPaginatesOverEveryActivation()
    {
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            created.Add((await CreateActivationAsync()).ActivationId);
        }

        var (exit, stdout, stderr) = await AwsCli.RunAsync(Emulator.Url, "ssm", "describe-activations");

        Assert.True(exit == 0, stderr);
        var listed = JsonNode.Parse(stdout)!["ActivationList"]!.AsArray().Select(a => a!["ActivationId"]!.GetValue<string>());
        Assert.Equal(created, listed);
        Assert.Equal(3, Emulator.Calls.Succeeded("DescribeActivations"));
    }

    [AwsCliFact]
    public async Task Cli_DescribeInstanceInformation_WithTagFilter_ReturnsMatchingNodesAcrossPages()
    {
        var wanted = Enumerable.Range(0, 12)
            .Select(i => Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["cleanup"] = i % 2 == 0 ? "a" : "b" } }).InstanceId)
            .ToList();
        Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["cleanup"] = "c" } });

        var (exit, stdout, stderr) = await AwsCli.RunAsync(Emulator.Url, "ssm", "describe-instance-information", "--filters", "Key=tag:cleanup,Values=a,b");

        Assert.True(exit == 0, stderr);
        var listed = JsonNode.Parse(stdout)!["InstanceInformationList"]!.AsArray().Select(n => n!["InstanceId"]!.GetValue<string>());
        Assert.Equal(wanted, listed);
        Assert.Equal(2, Emulator.Calls.Succeeded("DescribeInstanceInformation"));
    }

    [AwsCliFact]
    public async Task Cli_DeregisterUnknownNode_FailsWithTheErrorCodeOnStderr()
    {
        var (exit, _, stderr) = await AwsCli.RunAsync(Emulator.Url, "ssm", "deregister-managed-instance", "--instance-id", "mi-00000000000000000");

        Assert.NotEqual(0, exit);
        Assert.Contains("InvalidInstanceId", stderr, StringComparison.Ordinal);
    }

    [AwsCliFact]
    public async Task Cli_CreateActivation_ParsesTheResponseAndRegistersTags()
    {
        var (exit, stdout, stderr) = await AwsCli.RunAsync(
            Emulator.Url, "ssm", "create-activation", "--iam-role", "HybridRole", "--registration-limit", "2", "--tags", "Key=cleanup,Value=yes");

        Assert.True(exit == 0, stderr);
        var id = JsonNode.Parse(stdout)!["ActivationId"]!.GetValue<string>();
        var activation = Assert.Single(Emulator.Ssm.Activations());
        Assert.Equal(id, activation.ActivationId);
        Assert.Equal("yes", activation.Tags["cleanup"]);
    }
}
