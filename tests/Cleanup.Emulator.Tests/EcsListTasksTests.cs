using System.Text.Json.Nodes;
using Cleanup.Emulator.Ecs;

namespace Cleanup.Emulator.Tests;

/// <summary>ListTasks: desired status, filters and pagination.</summary>
public sealed class EcsListTasksTests : EcsTest
{
    [Fact]
    public async Task Pages_CoverEveryTaskOnce_InStartOrder()
    {
        await SetUpClusterAsync();
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            started.AddRange((await RunFargateAsync(count: 10)).Select(t => Str(t["taskArn"])));
        }

        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var body = new JsonObject { ["cluster"] = Cluster, ["maxResults"] = 7 }.AddToken(token);
            var page = await OkAsync("ListTasks", body);
            listed.AddRange(page["taskArns"]!.AsArray().Select(Str));
            token = page["nextToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(started, listed);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task DesiredStatus_DefaultsToRunning_AndStoppedListsStoppedTasks()
    {
        await SetUpClusterAsync();
        var keep = await RunFargateTaskAsync();
        var stop = await RunFargateTaskAsync();
        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = stop });

        var running = await ListAsync(new JsonObject());
        var stopped = await ListAsync(new JsonObject { ["desiredStatus"] = "STOPPED" });
        var pending = await ListAsync(new JsonObject { ["desiredStatus"] = "PENDING" });

        Assert.Equal([keep], running);
        Assert.Equal([stop], stopped);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task StoppedTasks_LeaveTheListAfterTheRetention()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn });

        Clock.Advance(TaskLifecycle.StopDuration + TimeSpan.FromHours(1));

        Assert.Empty(await ListAsync(new JsonObject { ["desiredStatus"] = "STOPPED" }));
    }

    [Fact]
    public async Task FamilyAndStartedBy_Filter()
    {
        await SetUpClusterAsync();
        var shell = await RunFargateTaskAsync(new JsonObject { ["startedBy"] = "ci/job_7" });
        await RunFargateTaskAsync();
        var batch = Str((await OkAsync("RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = "batch:1" }))["tasks"]![0]!["taskArn"]);

        Assert.Equal([batch], await ListAsync(new JsonObject { ["family"] = "batch" }));
        Assert.Equal([shell], await ListAsync(new JsonObject { ["startedBy"] = "ci/job_7" }));
        Assert.Equal([batch], await ListAsync(new JsonObject { ["launchType"] = "EC2" }));
    }

    [Fact]
    public async Task StartedBy_WithAnotherFilter_IsRefused()
    {
        await SetUpClusterAsync();

        await FailsAsync("InvalidParameterException", "ListTasks", new JsonObject { ["cluster"] = Cluster, ["startedBy"] = "x", ["family"] = "shell" });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task MaxResults_OutsideOneToHundred_IsInvalidParameterException(int maxResults)
    {
        await SetUpClusterAsync();

        var message = await FailsAsync("InvalidParameterException", "ListTasks", new JsonObject { ["cluster"] = Cluster, ["maxResults"] = maxResults });

        Assert.Contains("maxResults", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForeignNextToken_IsInvalidParameterException()
    {
        await SetUpClusterAsync();

        await FailsAsync("InvalidParameterException", "ListTasks", new JsonObject { ["cluster"] = Cluster, ["nextToken"] = "not-a-token" });
    }

    [Fact]
    public async Task ServiceName_IsServiceNotFound_BecauseServicesAreNotEmulated()
    {
        await SetUpClusterAsync();

        await FailsAsync("ServiceNotFoundException", "ListTasks", new JsonObject { ["cluster"] = Cluster, ["serviceName"] = "web" });
    }

    [Fact]
    public async Task TasksOfOtherClusters_AreNotListed()
    {
        await SetUpClusterAsync();
        Emulator.Ecs.RunTask(new NewTask { Cluster = "other" });
        var mine = await RunFargateTaskAsync();

        Assert.Equal([mine], await ListAsync(new JsonObject()));
    }

    private async Task<List<string>> ListAsync(JsonObject body)
    {
        body["cluster"] = Cluster;
        return [.. (await OkAsync("ListTasks", body))["taskArns"]!.AsArray().Select(Str)];
    }
}

internal static class EcsJsonExtensions
{
    public static JsonObject AddToken(this JsonObject body, string? token)
    {
        if (token is not null)
        {
            body["nextToken"] = token;
        }

        return body;
    }
}
