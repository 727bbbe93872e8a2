using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// End to end over the wire: the real pipeline and the real SSM SDK client against the emulator on loopback, with a
/// fleet that registered and pinged the way containers and on-prem servers do.
/// </summary>
public class FunctionTests
{
    [Fact]
    public async Task StoppedEvent_RemovesExactlyThatTasksNodeAndActivation()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var stopped = await h.Fleet.RunOnEcsAsync("shells");
        var running = await h.Fleet.RunOnEcsAsync("shells");
        var otherCluster = await h.Fleet.RunOnEcsAsync("batch");
        var onPrem = await h.Fleet.RegisterForeignAsync("onprem-db-01", "192.168.10.5", new Dictionary<string, string> { ["team"] = "dba" });
        // An untagged node that even carries the stopped task's name: the name alone proves nothing.
        var impostor = await h.Fleet.RegisterForeignAsync(stopped.ClusterName + "/" + stopped.TaskId, "10.0.1.99");
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await h.RunAsync(h.StoppedEventAfterGrace(stopped));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(stopped.InstanceId));
        Assert.False(h.HasActivation(stopped.ActivationId));
        Assert.True(h.HasNode(running.InstanceId));
        Assert.True(h.HasActivation(running.ActivationId));
        Assert.True(h.HasNode(otherCluster.InstanceId));
        Assert.True(h.HasNode(onPrem.InstanceId));
        Assert.True(h.HasNode(impostor.InstanceId));
        Assert.Equal(1, h.Emulator.Calls.Succeeded("DeregisterManagedInstance"));
        Assert.Equal(1, h.Emulator.Calls.Succeeded("DeleteActivation"));
    }

    [Fact]
    public async Task StoppedEvent_OneRegisteredNode_TakesOneEcsAndFourSsmCalls()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var json = h.StoppedEventAfterGrace(task);
        h.Emulator.Calls.Reset();

        await h.RunAsync(json);

        var calls = h.Emulator.Calls.All().GroupBy(c => c.Operation).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["DescribeTasks"] = 1,
                ["DescribeInstanceInformation"] = 1,
                ["DescribeActivations"] = 1,
                ["DeregisterManagedInstance"] = 1,
                ["DeleteActivation"] = 1,
            },
            calls);
    }

    [Fact]
    public async Task StoppedEvent_TaskThatDiedBeforeRegistering_HasItsActivationDeletedByName()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var early = await h.Fleet.RunOnEcsAsync("shells", register: false);
        var other = await h.Fleet.RunOnEcsAsync("shells", register: false);

        var result = await h.RunAsync(h.StoppedEventAfterGrace(early));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasActivation(early.ActivationId));
        Assert.True(h.HasActivation(other.ActivationId));
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    [Fact]
    public async Task StoppedEvent_UntaggedActivationWithTheTasksName_IsKept()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells", register: false);
        var (lookalike, _) = await h.Fleet.CreateActivationAsync($"{task.ClusterName}/{task.TaskId}", new Dictionary<string, string>());

        await h.RunAsync(h.StoppedEventAfterGrace(task));

        Assert.False(h.HasActivation(task.ActivationId));
        Assert.True(h.HasActivation(lookalike));
    }

    [Fact]
    public async Task StoppedEvent_OldArnFormat_RemovesThatTasksNode()
    {
        await using var h = await EmulatorHarness.StartAsync(longTaskArns: false);
        var task = await h.Fleet.RunOnEcsAsync("legacy");
        var sibling = await h.Fleet.RunOnEcsAsync("legacy");

        var result = await h.RunAsync(h.StoppedEventAfterGrace(task));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(task.InstanceId));
        Assert.False(h.HasActivation(task.ActivationId));
        Assert.True(h.HasNode(sibling.InstanceId));
    }

    [Fact]
    public async Task StoppedEvent_DeliveredTwice_SecondRunFindsNothingAndSucceeds()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var survivor = await h.Fleet.RunOnEcsAsync("shells");
        var json = h.StoppedEventAfterGrace(task);

        var first = await h.RunAsync(json);
        var second = await h.RunAsync(json);

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Empty(second.Items);
        Assert.Equal(1, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        Assert.True(h.HasNode(survivor.InstanceId));
    }

    [Fact]
    public async Task StoppedEvent_DryRun_DeletesNothingAndReportsWhatItWouldRemove()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Options = TestOptions.Default with { DryRun = true };

        var result = await h.RunAsync(h.StoppedEventAfterGrace(task));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.True(result.DryRun);
        Assert.Equal(2, result.Count(Cleanup.Execute.OutcomeStatus.WouldRemove));
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(task.InstanceId));
        Assert.True(h.HasActivation(task.ActivationId));
    }

    [Fact]
    public async Task StoppedEvent_ThrottledOnEveryOtherCall_StillConverges()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var survivor = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Faults.ThrottleEvery("*", 2);

        var result = await h.RunAsync(h.StoppedEventAfterGrace(task));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(task.InstanceId));
        Assert.False(h.HasActivation(task.ActivationId));
        Assert.True(h.HasNode(survivor.InstanceId));
        Assert.Contains(h.Emulator.Calls.All(), c => c.ErrorCode == "ThrottlingException");
    }

    [Fact]
    public async Task StoppedEvent_OneDeregistrationFailsForGood_OthersStillRunAndTheRunFails()
    {
        // One retry keeps the test quick; the failure outlasts any number of retries anyway.
        await using var h = await EmulatorHarness.StartAsync(maxErrorRetry: 1);
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Faults.FailNext("DeregisterManagedInstance", times: 100);

        var result = await h.RunAsync(h.StoppedEventAfterGrace(task));

        Assert.Equal(RunStatus.Failed, result.Status);
        var failed = Assert.Single(result.Items, i => i.Status == Cleanup.Execute.OutcomeStatus.Failed);
        Assert.Equal("InternalServerError", failed.ErrorCode);
        Assert.True(h.HasNode(task.InstanceId));
        Assert.False(h.HasActivation(task.ActivationId));
        await Assert.ThrowsAsync<CleanupRunFailedException>(() => new Function(h.Runner()).Handler(new MemoryStream(Encoding.UTF8.GetBytes(h.StoppedEventAfterGrace(task)))));
    }

    [Fact]
    public async Task StoppedEvent_InventoryUnreadable_FailsAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Faults.FailNext("DescribeInstanceInformation", times: 100, statusCode: 400, code: "AccessDeniedException");

        var result = await h.RunAsync(h.StoppedEventAfterGrace(task));

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("AccessDeniedException", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(task.InstanceId));
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "not json", "not valid JSON" },
        { "{}", "event.id is missing" },
        { "[1,2]", "JSON object" },
        { """{"id":"1","source":"aws.ecs","detail-type":"ECS Task State Change","account":"123456789012","region":"us-east-1","detail":{"lastStatus":"STOPPED"}}""", "detail.taskArn" },
        { """{"id":"1","source":"aws.ecs","detail-type":"ECS Task State Change","account":"123456789012","region":"us-east-1","detail":{"lastStatus":"STOPPED","taskArn":7,"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/shells"}}""", "detail.taskArn" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_IsRejectedWithAClearErrorAndNothingIsCalled(string input, string expected)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Calls.Reset();

        var result = await h.RunAsync(input);

        Assert.Equal(RunStatus.Rejected, result.Status);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Theory]
    [InlineData("region", "eu-west-1")]
    [InlineData("account", "210987654321")]
    public async Task StoppedEventFromElsewhere_IsRejectedAndNothingIsCalled(string field, string value)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var json = JsonNode.Parse(h.StoppedEventAfterGrace(task))!;
        json[field] = value;
        h.Emulator.Calls.Reset();

        var result = await h.RunAsync(json.ToJsonString());

        Assert.Equal(RunStatus.Rejected, result.Status);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task RunningEvent_IsIgnoredAndNothingIsCalled()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Calls.Reset();

        var result = await h.RunAsync(h.Fleet.RunningEvent(task, h.Clock.GetUtcNow()));

        Assert.Equal(RunStatus.Ignored, result.Status);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Handler_StoppedEvent_ReturnsASummaryWithoutItems()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");

        using var output = await new Function(h.Runner()).Handler(new MemoryStream(Encoding.UTF8.GetBytes(h.StoppedEventAfterGrace(task))));

        using var json = await JsonDocument.ParseAsync(output);
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("nodesDeregistered").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("activationsDeleted").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("byReason").GetProperty("node:removed:task-stopped").GetInt32());
        // Every decision is in the log; the answer stays the same size whatever the fleet.
        Assert.False(json.RootElement.TryGetProperty("items", out _));
        Assert.Contains(task.InstanceId!, h.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_RejectedInput_ThrowsSoLambdaCountsAnError()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<CleanupRunFailedException>(() => new Function(h.Runner()).Handler(new MemoryStream("{"u8.ToArray())));

        Assert.Contains("rejected", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Logs_OneJsonLinePerDecision_WithoutActivationCodes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var ecsTask = h.Emulator.Ecs.RunTask(new Cleanup.Emulator.NewTask { Cluster = "shells" });
        var taskArn = ecsTask.TaskArn;
        var (activationId, code) = await h.Fleet.CreateActivationAsync($"shells/{ecsTask.TaskId}", new Dictionary<string, string>
        {
            ["ssm-cleanup:task-arn"] = taskArn,
            ["ssm-cleanup:cluster-arn"] = ecsTask.ClusterArn,
        });
        var agent = await Emulator.StubAgent.RegisterAsync(h.Emulator.Url, activationId, code);
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        h.Emulator.Ecs.StopTask(taskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var stoppedEvent = Emulator.Ecs.TaskStateChangeEvent.Build(taskArn, ecsTask.ClusterArn, "STOPPED", h.Clock.GetUtcNow(), 6);

        var result = await h.RunAsync(stoppedEvent);

        var lines = h.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var decisions = lines.Where(l => (string?)l["message"] == "decision").ToList();
        Assert.Equal(2, decisions.Count);
        var nodeLine = decisions.Single(l => (string?)l["kind"] == "node");
        Assert.Equal(agent.InstanceId, (string?)nodeLine["id"]);
        Assert.Equal(taskArn, (string?)nodeLine["taskArn"]);
        Assert.Equal("task-stopped", (string?)nodeLine["reason"]);
        Assert.Equal(activationId, (string?)nodeLine["evidence"]!["activationId"]);
        Assert.Contains(lines, l => l["_aws"] is not null && (int?)l["NodesDeregistered"] == 1);
        Assert.DoesNotContain(code, h.Log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(code, RunResultJson.Serialize(result), StringComparison.Ordinal);
    }
}
