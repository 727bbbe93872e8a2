using Cleanup.Container.Tests.Support;

namespace Cleanup.Container.Tests;

/// <summary>Where the task identity comes from, and how the ownership tags and name are derived from it.</summary>
public sealed class EntrypointIdentityTests
{
    private const string OldFormatTaskArn = $"arn:aws:ecs:{MetadataServer.Region}:{MetadataServer.Account}:task/{EntrypointHarness.TaskId}";

    [EntrypointFact]
    public async Task Ec2LaunchType_ClusterIsAName_TheArnIsBuiltFromTheTaskArn()
    {
        await using var h = await EntrypointHarness.StartAsync(MetadataServer.Task(OldFormatTaskArn, "default"));

        var (process, node) = await h.StartRegisteredAsync();
        using var _ = process;

        Assert.Equal(OldFormatTaskArn, node.Tags["ssm-cleanup:task-arn"]);
        Assert.Equal($"arn:aws:ecs:{MetadataServer.Region}:{MetadataServer.Account}:cluster/default", node.Tags["ssm-cleanup:cluster-arn"]);
        Assert.Equal($"default/{EntrypointHarness.TaskId}", node.Name);
        process.Signal("TERM");
        Assert.Equal(7, await process.WaitForExitAsync());
    }

    [EntrypointFact]
    public async Task OffEcs_IdentityFromVariables_WithAnotherPrefix_AndTheSsmEndpointVariableWins()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["ECS_CONTAINER_METADATA_URI_V4"] = null;
        h.Env["SSM_ENTRYPOINT_TASK_ARN"] = EntrypointHarness.TaskArn;
        h.Env["SSM_ENTRYPOINT_TAG_PREFIX"] = "acme/shells";
        h.Env["SSM_ENTRYPOINT_EXPIRY_SECONDS"] = "600";
        // A general endpoint that refuses connections: only AWS_ENDPOINT_URL_SSM leads to the emulator.
        h.Env["AWS_ENDPOINT_URL_SSM"] = h.Emulator.Url.ToString();
        h.Env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9/";
        var before = DateTimeOffset.UtcNow;

        var (process, node) = await h.StartRegisteredAsync();
        using var _ = process;

        Assert.Equal(0, h.Metadata.Requests);
        Assert.Equal(EntrypointHarness.TaskArn, node.Tags["acme/shells:task-arn"]);
        Assert.Equal(EntrypointHarness.ClusterArn, node.Tags["acme/shells:cluster-arn"]); // from task/<cluster>/<id>
        Assert.Equal($"shells/{EntrypointHarness.TaskId}", node.Name);
        var activation = Assert.Single(h.Emulator.Ssm.Activations());
        Assert.InRange(activation.ExpirationDate, before.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));
        process.Signal("TERM");
        Assert.Equal(7, await process.WaitForExitAsync());
    }

    [EntrypointFact]
    public async Task OffEcs_OldFormatTaskArnWithoutCluster_FailsClearly()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["ECS_CONTAINER_METADATA_URI_V4"] = null;
        h.Env["SSM_ENTRYPOINT_TASK_ARN"] = OldFormatTaskArn;

        using var process = h.Start();
        var exit = await process.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.False(h.AppStarted);
        Assert.Contains("set SSM_ENTRYPOINT_CLUSTER", process.StdErr, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Calls.All());
    }

    [EntrypointFact]
    public async Task MetadataUnreachable_IsAnSsmFailure_TheCommandStartsAnyway()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["ECS_CONTAINER_METADATA_URI_V4"] = "http://127.0.0.1:9/v4/gone";

        using var process = h.Start(appArgument: "exit0");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(0, exit);
        Assert.True(h.AppStarted);
        Assert.Contains("cannot read the task metadata", process.StdErr, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Calls.All());
    }
}
