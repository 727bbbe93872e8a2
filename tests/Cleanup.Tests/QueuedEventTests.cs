using System.Text;
using System.Text.Json;
using Cleanup.Cli.Demo;
using Cleanup.Execute;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The queued event path over the wire: SQS batches through the real pipeline, ECS asked before anything is deleted,
/// ownership proven by SSM's tag filters, and the handler naming only the messages that must come back.
/// </summary>
public class QueuedEventTests
{
    [Fact]
    public async Task DirectEvent_TaskEcsReportsRunning_RemovesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(TimeSpan.FromMinutes(30));

        // A STOPPED event sent by hand (lambda:InvokeFunction, `cleanup invoke`) for a task that still runs.
        var result = await h.RunAsync(h.Fleet.StoppedEvent(task, h.Clock.GetUtcNow()));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(task.InstanceId));
        Assert.True(h.HasActivation(task.ActivationId));
        var settlement = Assert.Single(result.Tasks);
        Assert.True(settlement.Settled);
        Assert.Equal("RUNNING", settlement.EcsState);
        Assert.Equal(0, h.Emulator.Calls.Count("DescribeInstanceInformation"));
    }

    [Fact]
    public async Task QueuedEvent_TaskEcsReportsRunning_RemovesNothingAndTheMessageIsDone()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(TimeSpan.FromMinutes(30));

        var answer = await HandleAsync(h, SqsBatch.Build(h.Fleet.StoppedEvent(task, h.Clock.GetUtcNow())));

        Assert.Empty(answer);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(task.InstanceId));
        Assert.True(h.HasActivation(task.ActivationId));
    }

    [Fact]
    public async Task QueuedBatch_StoppedAndRunningAndDuplicate_RemovesOnlyTheStoppedTasksItems()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var stopped = await h.Fleet.RunOnEcsAsync("shells");
        var running = await h.Fleet.RunOnEcsAsync("shells");
        var stoppedEvent = h.StoppedEventAfterGrace(stopped);

        var batch = SqsBatch.Build(stoppedEvent, stoppedEvent, h.Fleet.StoppedEvent(running, h.Clock.GetUtcNow()));
        var result = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(batch));

        Assert.Empty(result.BatchResponse!.ItemIdentifiers);
        Assert.Equal(2, result.Tasks.Count);
        Assert.False(h.HasNode(stopped.InstanceId));
        Assert.False(h.HasActivation(stopped.ActivationId));
        Assert.True(h.HasNode(running.InstanceId));
        Assert.True(h.HasActivation(running.ActivationId));
        // The duplicate is the same task: one removal of each kind, no AlreadyGone from a second pass.
        Assert.Equal(1, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        Assert.Equal(1, h.Emulator.Calls.Count("DeleteActivation"));
        Assert.Equal(1, h.Emulator.Calls.Count("DescribeTasks"));
    }

    [Fact]
    public async Task QueuedBatch_EcsDenied_EveryMessageComesBackAndNothingIsDeleted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var a = await h.Fleet.RunOnEcsAsync("shells");
        var b = await h.Fleet.RunOnEcsAsync("shells");
        var events = new[] { h.StoppedEventAfterGrace(a), h.StoppedEventAfterGrace(b) };
        h.Emulator.Faults.FailNext("DescribeTasks", times: 100, statusCode: 400, code: "AccessDeniedException");

        var answer = await HandleAsync(h, SqsBatch.Build(events));

        Assert.Equal(2, answer.Count);
        Assert.Equal(0, h.DeletingCalls());
        Assert.Equal(0, h.Emulator.Calls.Count("DescribeInstanceInformation"));
        Assert.True(h.HasNode(a.InstanceId));
        Assert.True(h.HasNode(b.InstanceId));
    }

    [Fact]
    public async Task QueuedBatch_OneMalformedMessage_OnlyItComesBack()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var good = h.StoppedEventAfterGrace(task);
        var batch = SqsBatch.Build([("good-1", good), ("bad-1", """{"not":"an event"}""")]);

        var answer = await HandleAsync(h, batch);

        Assert.Equal(["bad-1"], answer);
        Assert.False(h.HasNode(task.InstanceId));
        Assert.Contains("bad-1", h.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedBatch_OneDeregistrationFails_OnlyThatTasksMessageComesBack()
    {
        await using var h = await EmulatorHarness.StartAsync(maxErrorRetry: 0);
        var a = await h.Fleet.RunOnEcsAsync("shells");
        var b = await h.Fleet.RunOnEcsAsync("shells");
        var events = new[] { h.StoppedEventAfterGrace(a), h.StoppedEventAfterGrace(b) };
        h.Emulator.Faults.FailNext("DeregisterManagedInstance", times: 1);

        var result = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(SqsBatch.Build([("m-a", events[0]), ("m-b", events[1])])));

        var failedTask = Assert.Single(result.Tasks, t => !t.Settled).TaskArn;
        var expected = failedTask == a.TaskArn ? "m-a" : "m-b";
        Assert.Equal([expected], result.BatchResponse?.ItemIdentifiers);
        Assert.Equal(1, result.Count(OutcomeStatus.Failed));
    }

    [Fact]
    public async Task QueuedBatch_ScheduledSweepInTheQueue_IsRejectedNotRun()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var sweep = await File.ReadAllTextAsync(Repo.Path("events/scheduled-sweep.json"));

        var answer = await HandleAsync(h, SqsBatch.Build([("sweep-1", sweep), ("sweep-2", """{"cleanup":"sweep"}""")]));

        Assert.Equal(["sweep-1", "sweep-2"], answer);
        Assert.Empty(h.Emulator.Calls.All());
    }

    [Fact]
    public async Task QueuedBatch_100StoppedTasksInOneCluster_CostsAtMostTheFloor()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var tasks = new List<FleetTask>();
        for (var i = 0; i < 100; i++)
        {
            tasks.Add(await h.Fleet.RunOnEcsAsync("shells"));
        }

        h.Clock.Advance(TimeSpan.FromMinutes(15));
        tasks.ForEach(t => h.Emulator.Ecs.StopTask(t.TaskArn));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var batch = SqsBatch.Build([.. tasks.Select(t => h.Fleet.StoppedEvent(t, h.Clock.GetUtcNow()))]);
        h.Emulator.Calls.Reset();

        var answer = await HandleAsync(h, batch);

        Assert.Empty(answer);
        Assert.Empty(h.Emulator.Ssm.Nodes());
        Assert.Empty(h.Emulator.Ssm.Activations());
        Assert.True(h.Emulator.Calls.Count("DescribeTasks") <= 1);
        Assert.True(h.Emulator.Calls.Count("DescribeInstanceInformation") <= 2);
        Assert.True(h.Emulator.Calls.Count("DescribeActivations") <= 2);
        Assert.Equal(100, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        Assert.Equal(100, h.Emulator.Calls.Count("DeleteActivation"));
        Assert.Equal(0, h.Emulator.Calls.Count("ListTagsForResource"));
    }

    [Fact]
    public async Task QueuedEvent_NodeRegisteredBeforeStoppedAt_IsRemovedWhateverItsAge()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        // A crash-looping task: it registered, and died a minute later.
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(SqsBatch.Build(h.Fleet.StoppedEvent(task, h.Clock.GetUtcNow()))));

        Assert.Empty(result.BatchResponse!.ItemIdentifiers);
        Assert.False(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task QueuedEvent_NodeRegisteredAfterStoppedAt_IsKeptWithItsActivation()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var ecsTask = h.Emulator.Ecs.RunTask(new Cleanup.Emulator.NewTask { Cluster = "shells" });
        var (activationId, code) = await h.Fleet.CreateActivationAsync($"shells/{ecsTask.TaskId}", new Dictionary<string, string>
        {
            ["ssm-cleanup:task-arn"] = ecsTask.TaskArn,
            ["ssm-cleanup:cluster-arn"] = ecsTask.ClusterArn,
        });
        h.Emulator.Ecs.StopTask(ecsTask.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        // Something registered with the dead task's activation after ECS stopped it: not that task's agent.
        var agent = await Emulator.StubAgent.RegisterAsync(h.Emulator.Url, activationId, code);
        var task = new FleetTask(ecsTask.TaskArn, ecsTask.ClusterArn, "shells", ecsTask.TaskId, activationId, agent, "10.0.0.1");
        h.Clock.Advance(TimeSpan.FromMinutes(15));

        var result = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(SqsBatch.Build(h.Fleet.StoppedEvent(task, h.Clock.GetUtcNow()))));

        Assert.True(h.HasNode(agent.InstanceId));
        Assert.True(h.HasActivation(task.ActivationId));
        Assert.Contains(result.Items, i => i.Decision.Reason == Reasons.RegisteredAfterStop);
    }

    [Fact]
    public async Task QueuedEvent_ReadsOutlastTheTimeBudget_MessageComesBackAndNothingIsDeleted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var stopped = h.StoppedEventAfterGrace(task);
        // A 2 s function timeout gives a 1.6 s budget; ECS answers after 3 s.
        h.Options = h.Options with { Timeout = TimeSpan.FromSeconds(2) };
        h.Emulator.Faults.AddLatency("DescribeTasks", TimeSpan.FromSeconds(3));

        var result = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(SqsBatch.Build([("m-1", stopped)])));

        Assert.Equal(["m-1"], result.BatchResponse?.ItemIdentifiers);
        Assert.Contains("time budget ran out while reading", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task EventFunction_SweepPayload_IsRejectedAndRunsNoSweep()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 0, stopped: 2);
        h.Options = h.Options with { AcceptedTriggers = Cleanup.Options.AcceptedTriggers.Events };

        var result = await h.Runner().RunAsync("""{"cleanup":"sweep"}"""u8.ToArray());

        Assert.Equal(RunStatus.Rejected, result.Status);
        Assert.Contains("CLEANUP_TRIGGER=events", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Emulator.Calls.All(), c => c.Operation is "DescribeInstanceInformation" or "DescribeTasks" or "DescribeActivations");
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task SweepFunction_QueuedOrDirectEvent_IsRejectedAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var stopped = h.StoppedEventAfterGrace(task);
        h.Options = h.Options with { AcceptedTriggers = Cleanup.Options.AcceptedTriggers.Sweep };
        h.Emulator.Calls.Reset();

        var direct = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(stopped));
        var queued = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(SqsBatch.Build(stopped)));

        Assert.Equal(RunStatus.Rejected, direct.Status);
        Assert.Equal(RunStatus.Rejected, queued.Status);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.True(h.HasNode(task.InstanceId));
    }

    private static async Task<List<string>> HandleAsync(EmulatorHarness h, string batch)
    {
        using var output = await new Function(h.Runner()).Handler(new MemoryStream(Encoding.UTF8.GetBytes(batch)));
        using var json = await JsonDocument.ParseAsync(output);
        Assert.Equal(["batchItemFailures"], json.RootElement.EnumerateObject().Select(p => p.Name));
        return [.. json.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];
    }
}
