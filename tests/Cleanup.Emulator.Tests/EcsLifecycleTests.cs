using System.Text.Json.Nodes;
using Cleanup.Emulator.Ecs;

namespace Cleanup.Emulator.Tests;

/// <summary>Tasks move through the documented lifecycle as the emulator clock advances.</summary>
public sealed class EcsLifecycleTests : EcsTest
{
    [Fact]
    public async Task FargateTask_WalksFromProvisioningToRunning_AsTheClockAdvances()
    {
        await SetUpClusterAsync();
        var started = Assert.Single(await RunFargateAsync());
        var arn = Str(started["taskArn"]);
        Assert.Equal("PROVISIONING", Str(started["lastStatus"]));
        Assert.Equal("RUNNING", Str(started["desiredStatus"]));
        Assert.Equal(1, started["version"]!.GetValue<long>());

        var seen = new List<string>();
        for (var elapsed = 0; elapsed <= 30; elapsed += 10)
        {
            seen.Add(Str((await DescribeOneAsync(arn))["lastStatus"]));
            Clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(["PROVISIONING", "PENDING", "ACTIVATING", "RUNNING"], seen);
        var running = await DescribeOneAsync(arn);
        Assert.Equal(Start.Add(TaskLifecycle.StartDuration).ToUnixTimeSeconds(), running["startedAt"]!.GetValue<double>());
        Assert.Equal(4, running["version"]!.GetValue<long>());
        Assert.Equal("RUNNING", Str(running["containers"]![0]!["lastStatus"]));
    }

    [Fact]
    public async Task StopTask_SetsDesiredStatusAtOnce_AndReachesStoppedAfterTheStopDuration()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));
        var stopAt = Clock.GetUtcNow();

        var stopping = (await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn, ["reason"] = "deploy" }))["task"]!;

        Assert.Equal("RUNNING", Str(stopping["lastStatus"]));
        Assert.Equal("STOPPED", Str(stopping["desiredStatus"]));
        Assert.Equal("UserInitiated", Str(stopping["stopCode"]));
        Assert.Equal("deploy", Str(stopping["stoppedReason"]));
        Assert.Equal(stopAt.ToUnixTimeSeconds(), stopping["stoppingAt"]!.GetValue<double>());
        Assert.Null(stopping["stoppedAt"]);

        Clock.Advance(TaskLifecycle.StopDuration - TimeSpan.FromSeconds(1));
        Assert.Equal("DEPROVISIONING", Str((await DescribeOneAsync(arn))["lastStatus"]));

        Clock.Advance(TimeSpan.FromSeconds(1));
        var stopped = await DescribeOneAsync(arn);
        Assert.Equal("STOPPED", Str(stopped["lastStatus"]));
        Assert.Equal(stopAt.Add(TaskLifecycle.StopDuration).ToUnixTimeSeconds(), stopped["stoppedAt"]!.GetValue<double>());
        Assert.Equal("STOPPED", Str(stopped["containers"]![0]!["lastStatus"]));
        Assert.Equal("DELETED", Str(stopped["attachments"]![0]!["status"]));
        // RUNNING (4) + desired STOPPED + DEACTIVATING + STOPPING + DEPROVISIONING + STOPPED.
        Assert.Equal(9, stopped["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task StopTask_TwiceOrAfterStopped_ChangesNothing()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn });
        var version = (await DescribeOneAsync(arn))["version"]!.GetValue<long>();

        var again = (await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn, ["reason"] = "other" }))["task"]!;

        Assert.Equal(version, again["version"]!.GetValue<long>());
        Assert.Equal("Task stopped by user", Str(again["stoppedReason"]));
    }

    [Fact]
    public async Task ExitContainer_StopsTheTaskWithEssentialContainerExited()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        Clock.Advance(TaskLifecycle.StartDuration);

        Emulator.Ecs.ExitContainer(arn, exitCode: 137);
        Clock.Advance(TaskLifecycle.StopDuration);

        var stopped = await DescribeOneAsync(arn);
        Assert.Equal("STOPPED", Str(stopped["lastStatus"]));
        Assert.Equal("EssentialContainerExited", Str(stopped["stopCode"]));
        Assert.Equal("Essential container in task exited", Str(stopped["stoppedReason"]));
        Assert.Equal(137, stopped["containers"]![0]!["exitCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExitContainer_BeforeRunning_IsRefused()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();

        Assert.Throws<InvalidOperationException>(() => Emulator.Ecs.ExitContainer(arn));
    }

    [Fact]
    public async Task DirectStop_WithAnotherStopCode_IsReported()
    {
        var task = Emulator.Ecs.RunTask(new NewTask { Cluster = Cluster });
        Clock.Advance(TaskLifecycle.StartDuration);

        Emulator.Ecs.StopTask(task.TaskArn, "SpotInterruption");
        Clock.Advance(TaskLifecycle.StopDuration);

        var stopped = Assert.Single(Emulator.Ecs.Tasks());
        Assert.Equal("STOPPED", stopped.LastStatus);
        Assert.Equal("SpotInterruption", stopped.StopCode);
        Assert.Equal("Your Spot Task was interrupted.", stopped.StoppedReason);
    }

    [Fact]
    public async Task Ec2BridgeTask_HasNoEni_AndSkipsTheNetworkStates()
    {
        await SetUpClusterAsync();
        var started = (await OkAsync("RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = "batch", ["launchType"] = "EC2" }))["tasks"]![0]!;
        var arn = Str(started["taskArn"]);

        Assert.Equal("PENDING", Str(started["lastStatus"]));
        Assert.Null(started["attachments"]);
        Assert.Empty(started["containers"]![0]!["networkInterfaces"]!.AsArray());
        Clock.Advance(TaskLifecycle.StartDuration);
        Assert.Equal("RUNNING", Str((await DescribeOneAsync(arn))["lastStatus"]));

        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn });
        Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("STOPPING", Str((await DescribeOneAsync(arn))["lastStatus"]));
        Clock.Advance(TaskLifecycle.StopDuration);
        Assert.Equal("STOPPED", Str((await DescribeOneAsync(arn))["lastStatus"]));
    }

    [Fact]
    public async Task StoppedTask_StaysVisibleForTheRetention_ThenIsMissing()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn });
        Clock.Advance(TaskLifecycle.StopDuration);

        Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal("STOPPED", Str((await DescribeOneAsync(arn))["lastStatus"]));

        Clock.Advance(TimeSpan.FromSeconds(1));
        var gone = await DescribeAsync(arn);
        Assert.Empty(gone["tasks"]!.AsArray());
        var failure = Assert.Single(gone["failures"]!.AsArray())!;
        Assert.Equal(arn, Str(failure["arn"]));
        Assert.Equal("MISSING", Str(failure["reason"]));
        Assert.Empty(Emulator.Ecs.Tasks());
    }

    [Fact]
    public async Task RetentionIsConfigurable()
    {
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = Clock, StoppedTaskRetention = TimeSpan.FromMinutes(5) });
        var task = emulator.Ecs.RunTask(new NewTask());
        emulator.Ecs.StopTask(task.TaskArn);

        Clock.Advance(TaskLifecycle.StopDuration + TimeSpan.FromMinutes(5));

        Assert.Empty(emulator.Ecs.Tasks());
    }

    [Fact]
    public void ForgetStoppedTasksOlderThan_ForgetsOnlyStoppedTasksThatOld()
    {
        var old = Emulator.Ecs.RunTask(new NewTask { Cluster = Cluster });
        var recent = Emulator.Ecs.RunTask(new NewTask { Cluster = Cluster });
        var running = Emulator.Ecs.RunTask(new NewTask { Cluster = Cluster });
        Emulator.Ecs.StopTask(old.TaskArn);
        Clock.Advance(TimeSpan.FromMinutes(10));
        Emulator.Ecs.StopTask(recent.TaskArn);
        Clock.Advance(TaskLifecycle.StopDuration);

        var forgotten = Emulator.Ecs.ForgetStoppedTasksOlderThan(TimeSpan.FromMinutes(5));

        Assert.Equal(1, forgotten);
        Assert.Equal([recent.TaskArn, running.TaskArn], Emulator.Ecs.Tasks().Select(t => t.TaskArn));
    }
}
