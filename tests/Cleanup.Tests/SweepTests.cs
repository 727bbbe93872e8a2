using System.Text.Json.Nodes;
using Cleanup.Cli.Demo;
using Cleanup.Execute;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The scheduled sweep end to end: SSM and ECS in the emulator, the real SSM SDK client and the ECS adapter over
/// HTTP, the emulator's clock driving task lifecycles and node pings.
/// </summary>
public class SweepTests
{
    private static readonly TimeSpan _settled = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Sweep_RemovesStoppedTasksAndKeepsRunningOnesEvenWhenConnectionLost()
    {
        await using var h = await EmulatorHarness.StartAsync();
        // Detailed metrics, for KeptByReason; the default set is MetricBudgetTests'.
        h.Options = h.Options with { Metrics = MetricDetail.Detailed };
        var running = await h.Fleet.RunOnEcsAsync("shells");
        var stopped = await h.Fleet.RunOnEcsAsync("shells");
        var onPrem = await h.Fleet.RegisterForeignAsync("onprem-db-01", "192.168.10.5");
        h.Clock.Advance(_settled);
        h.Emulator.Ecs.StopTask(stopped.TaskArn);
        // Nobody pings for two hours: every node is ConnectionLost, the running task's included.
        h.Clock.Advance(TimeSpan.FromMinutes(50));

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(stopped.InstanceId));
        Assert.False(h.HasActivation(stopped.ActivationId));
        Assert.True(h.HasNode(running.InstanceId));
        // Its activation outlived its one-hour validity: nothing can register with it, so it goes too.
        Assert.Equal(Reasons.ActivationExpired, Item(result, running.ActivationId).Decision.Reason);
        Assert.True(h.HasNode(onPrem.InstanceId));
        var onPremActivation = h.Emulator.Ssm.Activations().Single(a => a.DefaultInstanceName == "onprem-db-01").ActivationId;
        // Other teams' nodes and activations are not even read into the sweep's decisions.
        Assert.DoesNotContain(result.Items, i => i.Decision.ResourceId == onPrem.InstanceId || i.Decision.ResourceId == onPremActivation);
        Assert.Equal(Reasons.TaskAlive, Item(result, running.InstanceId!).Decision.Reason);
        Assert.Equal("ConnectionLost", Item(result, running.InstanceId!).Decision.Evidence["pingStatus"]);
        Assert.Equal("ecs:DescribeTasks", Item(result, stopped.InstanceId!).Decision.Evidence["ecs.statusSource"]);
        var metrics = h.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Where(l => l["_aws"] is not null).ToList();
        var run = Assert.Single(metrics, m => m["Reason"] is null);
        Assert.Equal("Sweep", (string?)run["Trigger"]);
        Assert.Equal(1, (int?)run["NodesDeregistered"]);
        Assert.Equal(2, (int?)run["OwnedFleetSize"]);
        Assert.True((double?)run["DeadNodeHours"] > 0.8);
        Assert.Equal(1, (int?)Assert.Single(metrics, m => (string?)m["Reason"] == Reasons.TaskAlive)["KeptByReason"]);
    }

    [Fact]
    public async Task Sweep_TaskEcsHasForgotten_IsRemovedOncePastTheOfflineGrace()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(_settled);
        await Fleet.PingAsync([task]);
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(50));
        h.Emulator.Ecs.ForgetStoppedTasksOlderThan(TimeSpan.Zero);

        var tooEarly = await h.SweepAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        var late = await h.SweepAsync();

        Assert.Equal(Reasons.OfflineGrace, Item(tooEarly, task.InstanceId!).Decision.Reason);
        Assert.Equal(Reasons.TaskMissing, Item(late, task.InstanceId!).Decision.Reason);
        Assert.False(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Sweep_NodeYoungerThanTheRegistrationGrace_IsKept()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await h.SweepAsync();

        Assert.Equal(Reasons.RegistrationGrace, Item(result, task.InstanceId!).Decision.Reason);
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Sweep_NodeThatNeverPinged_IsJudgedFromItsRegistrationDate()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var ecsTask = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        var (activationId, code) = await h.Fleet.CreateActivationAsync($"shells/{ecsTask.TaskId}", Owned(ecsTask.TaskArn, ecsTask.ClusterArn));
        var silent = await Emulator.StubAgent.RegisterAsync(h.Emulator.Url, activationId, code);
        h.Emulator.Ecs.StopTask(ecsTask.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Ecs.ForgetStoppedTasksOlderThan(TimeSpan.Zero);

        h.Clock.Advance(TimeSpan.FromMinutes(58));
        var early = await h.SweepAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await h.SweepAsync();

        var first = Item(early, silent.InstanceId).Decision;
        Assert.Equal(Reasons.OfflineGrace, first.Reason);
        Assert.False(first.Evidence.ContainsKey("lastPingDateTime"));
        Assert.Equal(Reasons.TaskMissing, Item(late, silent.InstanceId).Decision.Reason);
        Assert.False(h.HasNode(silent.InstanceId));
    }

    [Fact]
    public async Task Sweep_NodeLeavingWhileItsTagsAreRead_IsSkippedAndTheRestProceeds()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 2);
        // Neither the account (for the name) nor the activation (for its tags) is known: the tags are read per node.
        h.Options = h.Options with { AccountId = null };
        foreach (var task in stopped)
        {
            await new Cleanup.Aws.SsmRegistry(h.Ssm).DeleteActivationAsync(task.ActivationId, default);
        }

        // As if a container deregistered its node between the listing and the tag read.
        h.Emulator.Faults.FailNext("ListTagsForResource", times: 1, statusCode: 400, code: "InvalidResourceId");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(2, result.TagReads);
        Assert.Single(result.Items, i => i.Decision.Kind == ResourceKind.Node);
        Assert.Equal(1, h.Emulator.Calls.Succeeded("DeregisterManagedInstance"));
    }

    [Fact]
    public async Task Sweep_OwnedFleet_ProvesOwnershipWithTagFiltersAndReadsNoTagsOneByOne()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (running, stopped) = await h.SettledFleetAsync(running: 6, stopped: 3);
        h.Emulator.Calls.Reset();

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(0, result.TagReads);
        Assert.Equal(0, h.Emulator.Calls.Count("ListTagsForResource"));
        Assert.All(stopped, t => Assert.False(h.HasNode(t.InstanceId)));
        Assert.All(running, t => Assert.True(h.HasNode(t.InstanceId)));
        Assert.All(
            result.Items.Where(i => i.Decision.Removes && i.Decision.Kind == ResourceKind.Node),
            i => Assert.Equal("ssm-tag-filter", i.Decision.Evidence["ownership.proof"]));
        // 1 listing + 1 proof read; the running tasks' nodes are never proven: they are kept on ECS's word.
        Assert.Equal(2, h.Emulator.Calls.Count("DescribeInstanceInformation"));
    }

    [Fact]
    public async Task Sweep_NodeNamedLikeADeadTaskButTaggedForAnother_IsNotDeleted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (running, stopped) = await h.SettledFleetAsync(running: 1, stopped: 1);
        // Named after the dead task, tagged for the living one: the name suggests death, the tags prove otherwise.
        var impostor = await h.Fleet.RegisterForeignAsync(
            $"{stopped[0].ClusterName}/{stopped[0].TaskId}",
            "10.0.9.9",
            new Dictionary<string, string> { ["ssm-cleanup:task-arn"] = running[0].TaskArn, ["ssm-cleanup:cluster-arn"] = running[0].ClusterArn });
        h.Clock.Advance(TimeSpan.FromMinutes(30));

        var result = await h.SweepAsync();

        Assert.True(h.HasNode(impostor.InstanceId));
        Assert.True(h.HasNode(running[0].InstanceId));
        Assert.False(h.HasNode(stopped[0].InstanceId));
        Assert.DoesNotContain(result.Items, i => i.Decision.ResourceId == impostor.InstanceId && i.Decision.Removes);
    }

    [Fact]
    public async Task Sweep_EcsOutage_DeletesNoNode()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(_settled);
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromHours(3));
        h.Emulator.Faults.FailNext("DescribeTasks", times: 100, statusCode: 400, code: "AccessDeniedException");

        var result = await h.SweepAsync();

        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        Assert.True(h.HasNode(task.InstanceId));
        var decision = Item(result, task.InstanceId!).Decision;
        Assert.Equal(Reasons.EcsAccessDenied, decision.Reason);
        Assert.StartsWith("AccessDeniedException", decision.Evidence["ecs.error"], StringComparison.Ordinal);
        // Not "succeeded: nothing to remove" forever: denied everywhere is the role, not a cluster; the run fails.
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("ECS denied access to every cluster", result.Message, StringComparison.Ordinal);
        Assert.Contains("\"EcsClustersDenied\":1", h.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_EcsAnswersEmptyForEveryTask_FailsVisiblyAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (running, _) = await h.SettledFleetAsync(running: 4, stopped: 0);
        // What a proxy, a wrong endpoint or moto can answer: neither the task nor a MISSING failure.
        var empty = new EmptyEcs();

        var result = await new CleanupRunner(new Cleanup.Aws.SsmRegistry(h.Ssm), empty, h.Options, h.Clock, h.Log).RunAsync("""{"cleanup":"sweep"}"""u8.ToArray());

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("ECS answered for none", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
        Assert.All(running, t => Assert.True(h.HasNode(t.InstanceId)));
    }

    [Fact]
    public async Task Sweep_DryRunBrakeTrips_ReportsBrakeTrippedNotSuccess()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 0, stopped: 3);
        h.Options = TestOptions.Default with { DryRun = true, Sweep = new SweepSettings { MaxDeletionsPerRun = 2 } };

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.BrakeTripped, result.Status);
        Assert.StartsWith("dry-run: brake tripped", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
    }

    /// <summary>An ECS that answers every DescribeTasks with {"tasks":[],"failures":[]}.</summary>
    private sealed class EmptyEcs : Cleanup.Inventory.ITaskDirectory
    {
        public Task<Cleanup.Inventory.TaskLookup> DescribeTasksAsync(string cluster, IReadOnlyCollection<string> taskArns, CancellationToken cancellationToken) =>
            Task.FromResult(new Cleanup.Inventory.TaskLookup([], []));

        public Task<IReadOnlyList<string>> ListTaskArnsAsync(string cluster, string desiredStatus, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);

        public Task<IReadOnlyList<string>> ListClusterArnsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }

    [Fact]
    public async Task Sweep_BrakeOnCount_TripsDeletesNothingAndFails()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, tasks) = await h.SettledFleetAsync(running: 0, stopped: 3);
        h.Options = TestOptions.Default with { Sweep = new SweepSettings { MaxDeletionsPerRun = 2 } };

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.BrakeTripped, result.Status);
        Assert.Equal(0, h.DeletingCalls());
        Assert.All(tasks, t => Assert.True(h.HasNode(t.InstanceId)));
        Assert.Equal(6, result.Count(OutcomeStatus.Braked));
        Assert.Contains("MaxDeletionsPerRun=2", result.Message, StringComparison.Ordinal);
        Assert.Contains("\"BrakeTripped\":1", h.Log.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<CleanupRunFailedException>(() => new Function(h.SweepRunner()).Handler(new MemoryStream("""{"cleanup":"sweep"}"""u8.ToArray())));
    }

    [Fact]
    public async Task Sweep_BrakeOnPercentage_TripsAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 14, stopped: 6);

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.BrakeTripped, result.Status);
        Assert.Equal(20, result.Brake!.OwnedNodes);
        Assert.Equal(6, result.Brake.NodeRemovals);
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Sweep_DryRun_ReportsButDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(_settled);
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.Options = TestOptions.Default with { DryRun = true };

        var result = await h.SweepAsync();

        Assert.Equal(OutcomeStatus.WouldRemove, Item(result, task.InstanceId!).Status);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(result.DeadNodeHours > 1.9);
    }

    [Fact]
    public async Task Sweep_ExpiredActivationOfARunningTask_IsDeletedAndItsNodeKept()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(TimeSpan.FromMinutes(61));
        await Fleet.PingAsync([task]);

        var result = await h.SweepAsync();

        Assert.Equal(Reasons.ActivationExpired, Item(result, task.ActivationId).Decision.Reason);
        Assert.False(h.HasActivation(task.ActivationId));
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Sweep_UnusedActivation_IsDeletedPastItsGrace()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var ecsTask = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        var (activationId, _) = await h.Fleet.CreateActivationAsync($"shells/{ecsTask.TaskId}", Owned(ecsTask.TaskArn, ecsTask.ClusterArn), validFor: TimeSpan.FromDays(2));

        h.Clock.Advance(TimeSpan.FromMinutes(119));
        var early = await h.SweepAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await h.SweepAsync();

        Assert.Equal(Reasons.ActivationInUse, Item(early, activationId).Decision.Reason);
        Assert.Equal(Reasons.ActivationUnused, Item(late, activationId).Decision.Reason);
        Assert.False(h.HasActivation(activationId));
    }

    [Fact]
    public async Task Sweep_ExhaustedActivationWhoseNodeLeft_IsDeleted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var keeper = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(_settled);
        await h.Ssm.DeregisterManagedInstanceAsync(new() { InstanceId = task.InstanceId });

        var result = await h.SweepAsync();

        Assert.Equal(Reasons.ActivationExhausted, Item(result, task.ActivationId).Decision.Reason);
        Assert.False(h.HasActivation(task.ActivationId));
        Assert.True(h.HasActivation(keeper.ActivationId));
    }

    [Fact]
    public async Task Sweep_LegacyReport_ListsTheMatchAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, task) = await LegacyFleetAsync(h);
        h.Options = TestOptions.WithClusters("shells") with { Sweep = new SweepSettings { LegacyMode = LegacyMode.Report, LegacyName = "fargate-shell" } };

        var result = await h.SweepAsync();

        var decision = Item(result, legacy.InstanceId).Decision;
        Assert.Equal(Reasons.LegacyCandidate, decision.Reason);
        Assert.Equal(task.TaskArn, decision.TaskArn);
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    [Fact]
    public async Task Sweep_LegacyAct_RemovesOnlyTheMatchedNode()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, _) = await LegacyFleetAsync(h);
        var unmatched = await h.Fleet.RegisterForeignAsync("fargate-shell", "10.99.0.1");
        var otherName = await h.Fleet.RegisterForeignAsync("onprem-db-01", legacy.Ip);
        h.Options = TestOptions.WithClusters("shells") with { Sweep = new SweepSettings { LegacyMode = LegacyMode.Act, LegacyName = "fargate-shell" } };

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(legacy.InstanceId));
        Assert.True(h.HasNode(unmatched.InstanceId));
        Assert.True(h.HasNode(otherName.InstanceId));
        Assert.Equal(1, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    // A task registered the old way: the fixed name, no tags, from the task's ENI address; then the task stops.
    private static async Task<((string InstanceId, string Ip) Node, Emulator.EmulatedTask Task)> LegacyFleetAsync(EmulatorHarness h)
    {
        var task = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var agent = await h.Fleet.RegisterForeignAsync("fargate-shell", task.PrivateIp!);
        h.Clock.Advance(_settled);
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        return ((agent.InstanceId, task.PrivateIp!), task);
    }

    private static Dictionary<string, string> Owned(string taskArn, string clusterArn) => new()
    {
        ["ssm-cleanup:task-arn"] = taskArn,
        ["ssm-cleanup:cluster-arn"] = clusterArn,
    };

    private static ItemOutcome Item(RunResult result, string id) => Assert.Single(result.Items, i => i.Decision.ResourceId == id);
}
