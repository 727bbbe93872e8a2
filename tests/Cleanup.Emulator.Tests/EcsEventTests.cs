using System.Text.Json.Nodes;
using Cleanup.Emulator.Ecs;

namespace Cleanup.Emulator.Tests;

/// <summary>The ECS Task State Change events the emulator records, one per change, in the shape EventBridge delivers.</summary>
public sealed class EcsEventTests : EcsTest
{
    [Fact]
    public async Task FullLifecycle_EmitsOneEventPerChange_WithIncreasingVersions()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync(Tags(("owner", "shells")));
        Clock.Advance(TaskLifecycle.StartDuration);
        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn });
        Clock.Advance(TaskLifecycle.StopDuration);

        var events = Emulator.Ecs.Events().Select(e => JsonNode.Parse(e)!).ToList();

        Assert.Equal(
            ["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "RUNNING", "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"],
            events.Select(e => Str(e["detail"]!["lastStatus"])));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), events.Select(e => e["detail"]!["version"]!.GetValue<long>()));
        Assert.Equal("STOPPED", Str(events[4]["detail"]!["desiredStatus"]));
        var times = events.Select(e => DateTimeOffset.Parse(Str(e["time"]), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(Start.AddSeconds(60), times[^1]);
    }

    [Fact]
    public async Task StoppedEvent_MirrorsDescribeTasks_WithIsoTimesEniTypeAndNoTags()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync(Tags(("owner", "shells")));
        Clock.Advance(TaskLifecycle.StartDuration);
        Emulator.Ecs.ExitContainer(arn, 1);
        Clock.Advance(TaskLifecycle.StopDuration);
        var described = await DescribeOneAsync(arn);

        var stopped = JsonNode.Parse(Emulator.Ecs.Events()[^1])!;

        Assert.Equal("0", Str(stopped["version"]));
        Assert.Equal("ECS Task State Change", Str(stopped["detail-type"]));
        Assert.Equal("aws.ecs", Str(stopped["source"]));
        Assert.Equal("123456789012", Str(stopped["account"]));
        Assert.Equal("us-east-1", Str(stopped["region"]));
        Assert.Equal("2026-11-02T09:01:00.000Z", Str(stopped["time"]));
        Assert.Equal(arn, Str(Assert.Single(stopped["resources"]!.AsArray())));
        var detail = stopped["detail"]!;
        Assert.Equal(arn, Str(detail["taskArn"]));
        Assert.Equal(Str(described["clusterArn"]), Str(detail["clusterArn"]));
        Assert.Equal("STOPPED", Str(detail["lastStatus"]));
        Assert.Equal("EssentialContainerExited", Str(detail["stopCode"]));
        Assert.Equal("2026-11-02T09:00:00.000Z", Str(detail["createdAt"]));
        Assert.Equal("2026-11-02T09:00:30.000Z", Str(detail["startedAt"]));
        Assert.Equal("2026-11-02T09:00:30.000Z", Str(detail["stoppingAt"]));
        Assert.Equal("2026-11-02T09:01:00.000Z", Str(detail["stoppedAt"]));
        Assert.Equal(described["version"]!.GetValue<long>(), detail["version"]!.GetValue<long>());
        Assert.Null(detail["tags"]);
        var attachment = detail["attachments"]![0]!;
        Assert.Equal("eni", Str(attachment["type"]));
        Assert.Equal(described["attachments"]![0]!["details"]!.ToJsonString(), attachment["details"]!.ToJsonString());
        Assert.Equal(1, detail["containers"]![0]!["exitCode"]!.GetValue<int>());
    }

    [Fact]
    public void EventsOfSeveralTasks_AreInTimeOrder()
    {
        var first = Emulator.Ecs.RunTask(new NewTask());
        Clock.Advance(TimeSpan.FromSeconds(15));
        var second = Emulator.Ecs.RunTask(new NewTask());
        Clock.Advance(TimeSpan.FromMinutes(1));

        var events = Emulator.Ecs.Events().Select(e => JsonNode.Parse(e)!).ToList();

        var order = events.Select(e => (Str(e["resources"]![0]) == first.TaskArn ? "1:" : "2:") + Str(e["detail"]!["lastStatus"]));
        Assert.Equal(["1:PROVISIONING", "1:PENDING", "2:PROVISIONING", "1:ACTIVATING", "2:PENDING", "1:RUNNING", "2:ACTIVATING", "2:RUNNING"], order);
        Assert.NotEqual(first.TaskArn, second.TaskArn);
    }

    [Fact]
    public void Build_KeepsTheHandMadeEnvelope()
    {
        var json = TaskStateChangeEvent.Build(
            "arn:aws:ecs:us-east-1:123456789012:task/shells/0123456789abcdef0123456789abcdef",
            "arn:aws:ecs:us-east-1:123456789012:cluster/shells",
            "STOPPED",
            Start,
            6,
            privateIp: "10.0.1.9");

        var built = JsonNode.Parse(json)!;
        Assert.Equal(
            ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"],
            built.AsObject().Select(p => p.Key));
        Assert.Equal(6, built["detail"]!["version"]!.GetValue<long>());
        Assert.Equal("EssentialContainerExited", Str(built["detail"]!["stopCode"]));
        Assert.Equal("10.0.1.9", Str(built["detail"]!["attachments"]![0]!["details"]![0]!["value"]));
        Assert.Equal("2026-11-02T09:00:00.000Z", Str(built["time"]));
    }
}
