using System.Text.Json.Nodes;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>The AWS CLI (botocore, i.e. the model itself) against the emulator's Parameter Store.</summary>
public sealed class ParameterAwsCliTests : ParameterStoreTest
{
    [AwsCliFact]
    public async Task Cli_PutParameterThenGetParameter_RoundTripsValueVersionAndArn()
    {
        var created = await CliAsync("ssm", "put-parameter", "--name", Lease, "--value", "owner-a", "--type", "String");
        var overwritten = await CliAsync("ssm", "put-parameter", "--name", Lease, "--value", "owner-b", "--overwrite");
        var read = (await CliAsync("ssm", "get-parameter", "--name", Lease))["Parameter"]!;

        Assert.Equal((1, "Standard"), (created["Version"]!.GetValue<long>(), created["Tier"]!.GetValue<string>()));
        Assert.Equal(2, overwritten["Version"]!.GetValue<long>());
        Assert.Equal("owner-b", read["Value"]!.GetValue<string>());
        Assert.Equal(2, read["Version"]!.GetValue<long>());
        Assert.Equal("arn:aws:ssm:us-east-1:123456789012:parameter/cleanup/stack/sweep-lease", read["ARN"]!.GetValue<string>());
    }

    [AwsCliFact]
    public async Task Cli_GetParameterWithVersionSelector_ReturnsTheOldValue()
    {
        await PutVersionsAsync(Lease, 2);

        var read = (await CliAsync("ssm", "get-parameter", "--name", Lease + ":1"))["Parameter"]!;

        Assert.Equal(("v1", ":1"), (read["Value"]!.GetValue<string>(), read["Selector"]!.GetValue<string>()));
    }

    [AwsCliFact]
    public async Task Cli_PutParameterOnAnExistingName_FailsWithParameterAlreadyExists()
    {
        await PutAsync(Lease, "owner-a");

        var (exit, _, stderr) = await AwsCli.RunAsync(Emulator.Url, "ssm", "put-parameter", "--name", Lease, "--value", "owner-b", "--type", "String");

        Assert.NotEqual(0, exit);
        Assert.Contains("ParameterAlreadyExists", stderr, StringComparison.Ordinal);
        Assert.Equal("owner-a", (await GetAsync(Lease)).Value);
    }

    [AwsCliFact]
    public async Task Cli_GetParameterHistory_AutoPaginatesOverEveryVersion()
    {
        await PutVersionsAsync(Lease, 60);

        var history = (await CliAsync("ssm", "get-parameter-history", "--name", Lease))["Parameters"]!.AsArray();

        Assert.Equal(Enumerable.Range(1, 60).Select(v => (long)v), history.Select(h => h!["Version"]!.GetValue<long>()));
        Assert.Equal(2, Emulator.Calls.Succeeded("GetParameterHistory"));
    }

    private async Task<JsonNode> CliAsync(params string[] arguments)
    {
        var (exit, stdout, stderr) = await AwsCli.RunAsync(Emulator.Url, arguments);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }
}
