using Cleanup.Execute;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// Legacy adoption over the wire: the sweep against the emulator, through the real SSM client. In AWS the role may
/// deregister only nodes carrying both ownership tags, so an untagged legacy node is first tagged with exactly its
/// matched task's two tags (AddTagsToResource), then deregistered like any owned node.
/// </summary>
public class LegacyAdoptionTests
{
    private const string LegacyName = "fargate-shell";
    private const string TaskKey = "ssm-cleanup:task-arn";
    private const string ClusterKey = "ssm-cleanup:cluster-arn";

    private static CleanupOptions Mode(LegacyMode mode, bool dryRun = false) =>
        TestOptions.WithClusters("shells") with { DryRun = dryRun, Sweep = new SweepSettings { LegacyMode = mode, LegacyName = LegacyName } };

    [Fact]
    public async Task Act_TagsTheLegacyNodeWithItsTasksTwoTagsThenDeregistersIt()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, task) = await LegacyFleetAsync(h);
        h.Options = Mode(LegacyMode.Act);
        h.Emulator.Calls.Reset();

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(legacy));
        var item = Item(result, legacy);
        Assert.Equal(OutcomeStatus.Removed, item.Status);
        Assert.Equal(Reasons.LegacyTaskStopped, item.Decision.Reason);
        Assert.Equal("tagged", item.Decision.Evidence["legacy.adoption"]);
        Assert.Equal(new LegacyAdoption(TaskKey, task.TaskArn, ClusterKey, task.ClusterArn), item.Decision.Adopt);
        // Tagged once, then deregistered: the deregistration is the ordinary tag-conditioned one.
        var writes = h.Emulator.Calls.All().Where(c => c.Operation is "AddTagsToResource" or "DeregisterManagedInstance").Select(c => c.Operation);
        Assert.Equal(["AddTagsToResource", "DeregisterManagedInstance"], writes);
    }

    [Fact]
    public async Task Act_DeregistrationFailsAfterTagging_NodeCarriesExactlyTheTwoTagsAndTheNextSweepRemovesIt()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, task) = await LegacyFleetAsync(h);
        h.Options = Mode(LegacyMode.Act);
        h.Emulator.Faults.FailNext("DeregisterManagedInstance", times: 10, statusCode: 400, code: "AccessDeniedException");

        var first = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, first.Status);
        Assert.Equal(OutcomeStatus.Failed, Item(first, legacy).Status);
        Assert.Equal("tagged", Item(first, legacy).Decision.Evidence["legacy.adoption"]);
        var tags = Assert.Single(h.Emulator.Ssm.Nodes(), n => n.InstanceId == legacy).Tags;
        Assert.Equal(new Dictionary<string, string> { [TaskKey] = task.TaskArn, [ClusterKey] = task.ClusterArn }, tags);

        // Adopted but still registered: it no longer looks legacy (it is tagged) nor owned (its name is not
        // CLUSTER/TASK-ID), yet it still matches its stopped task, so the next sweep finishes the job without tagging.
        h.Emulator.Faults.Clear();
        h.Emulator.Calls.Reset();
        var second = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal(Reasons.LegacyAdoptedTaskStopped, Item(second, legacy).Decision.Reason);
        Assert.Null(Item(second, legacy).Decision.Adopt);
        Assert.False(h.HasNode(legacy));
        Assert.Equal(0, h.Emulator.Calls.Count("AddTagsToResource"));
    }

    [Fact]
    public async Task Act_TaggingFails_NodeStaysRegisteredAndUntagged()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, _) = await LegacyFleetAsync(h);
        h.Options = Mode(LegacyMode.Act);
        h.Emulator.Faults.FailNext("AddTagsToResource", times: 10, statusCode: 400, code: "AccessDeniedException");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, result.Status);
        var item = Item(result, legacy);
        Assert.Equal(OutcomeStatus.Failed, item.Status);
        Assert.Equal("AccessDeniedException", item.ErrorCode);
        Assert.Equal("tagging-failed", item.Decision.Evidence["legacy.adoption"]);
        Assert.True(h.HasNode(legacy));
        Assert.Empty(Assert.Single(h.Emulator.Ssm.Nodes(), n => n.InstanceId == legacy).Tags);
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    [Fact]
    public async Task Act_NodeGoneBeforeTagging_IsAlreadyGoneAndNothingIsDeregistered()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, _) = await LegacyFleetAsync(h);
        h.Options = Mode(LegacyMode.Act);
        h.Emulator.Faults.FailNext("AddTagsToResource", times: 1, statusCode: 400, code: "InvalidResourceId");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(OutcomeStatus.AlreadyGone, Item(result, legacy).Status);
        Assert.Equal("node-gone", Item(result, legacy).Decision.Evidence["legacy.adoption"]);
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    [Fact]
    public async Task Report_TagsNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, _) = await LegacyFleetAsync(h);
        h.Options = Mode(LegacyMode.Report);

        var result = await h.SweepAsync();

        Assert.Equal(Reasons.LegacyCandidate, Item(result, legacy).Decision.Reason);
        Assert.Null(Item(result, legacy).Decision.Adopt);
        Assert.Equal(0, h.Emulator.Calls.Count("AddTagsToResource"));
        Assert.Equal(0, h.DeletingCalls());
        Assert.Empty(Assert.Single(h.Emulator.Ssm.Nodes(), n => n.InstanceId == legacy).Tags);
    }

    [Fact]
    public async Task ActDryRun_TagsNothingAndSaysTheAdoptionIsPlanned()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, _) = await LegacyFleetAsync(h);
        h.Options = Mode(LegacyMode.Act, dryRun: true);

        var result = await h.SweepAsync();

        Assert.Equal(OutcomeStatus.WouldRemove, Item(result, legacy).Status);
        Assert.Equal("planned", Item(result, legacy).Decision.Evidence["legacy.adoption"]);
        Assert.Equal(0, h.Emulator.Calls.Count("AddTagsToResource"));
        Assert.Equal(0, h.DeletingCalls());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Act_LegacyNamedNodeCarryingAnOwnershipTag_IsNeverAdopted(bool taskTag, bool clusterTag)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        // Another (running) task's tags: everything about the node matches the stopped task except its tags.
        var other = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var tags = new Dictionary<string, string>();
        if (taskTag)
        {
            tags[TaskKey] = other.TaskArn;
        }

        if (clusterTag)
        {
            tags[ClusterKey] = other.ClusterArn;
        }

        var node = await h.Fleet.RegisterForeignAsync(LegacyName, task.PrivateIp!, tags);
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Options = Mode(LegacyMode.Act);

        var result = await h.SweepAsync();

        Assert.DoesNotContain(result.Items, i => i.Decision.ResourceId == node.InstanceId && (i.Decision.Removes || i.Decision.Adopt is not null));
        Assert.True(h.HasNode(node.InstanceId));
        Assert.Equal(tags, Assert.Single(h.Emulator.Ssm.Nodes(), n => n.InstanceId == node.InstanceId).Tags);
        Assert.Equal(0, h.Emulator.Calls.Count("AddTagsToResource"));
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    // The planner's side, without I/O: which decisions carry an adoption.

    private static ManagedNode PlannedLegacyNode(IReadOnlyDictionary<string, string> tags) =>
        Cleanup.Tests.Plan.PlanFixture.Node(tags, LegacyName) with
        {
            IPAddress = "10.0.1.25",
            RegistrationDate = Cleanup.Tests.Plan.PlanFixture.Now.AddHours(-5).AddMinutes(1),
            LastPingDateTime = Cleanup.Tests.Plan.PlanFixture.Now.AddHours(-4),
            PingStatus = "ConnectionLost",
        };

    private static EcsTask StoppedLegacyTask() => new(
        "arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e",
        "arn:aws:ecs:us-east-1:123456789012:cluster/shells",
        "STOPPED",
        Cleanup.Tests.Plan.PlanFixture.Now.AddHours(-5),
        Cleanup.Tests.Plan.PlanFixture.Now.AddHours(-5).AddSeconds(30),
        Cleanup.Tests.Plan.PlanFixture.Now.AddHours(-2),
        "EssentialContainerExited",
        ["10.0.1.25"]);

    [Fact]
    public void Plan_Act_AdoptsWithExactlyTheMatchedTasksArns_ReportAdoptsNothing()
    {
        var task = StoppedLegacyTask();
        var node = PlannedLegacyNode(new Dictionary<string, string>());

        var act = Assert.Single(Cleanup.Tests.Plan.SweepFixture.PlanSweep([node], [], [], Mode(LegacyMode.Act), [task]).Nodes);
        var report = Assert.Single(Cleanup.Tests.Plan.SweepFixture.PlanSweep([node], [], [], Mode(LegacyMode.Report), [task]).Nodes);

        Assert.Equal(new LegacyAdoption(TaskKey, task.TaskArn, ClusterKey, task.ClusterArn), act.Adopt);
        Assert.Equal(task.TaskArn, act.TaskArn);
        Assert.Null(report.Adopt);
    }

    [Fact]
    public void Plan_Act_HalfTaggedLegacyNode_IsNotLegacy()
    {
        var task = StoppedLegacyTask();
        var node = PlannedLegacyNode(new Dictionary<string, string> { [ClusterKey] = task.ClusterArn });

        var decision = Assert.Single(Cleanup.Tests.Plan.SweepFixture.PlanSweep([node], [], [], Mode(LegacyMode.Act), [task]).Nodes);

        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.NotOwned, decision.Reason);
        Assert.Null(decision.Adopt);
    }

    [Fact]
    public void Plan_Act_LegacyNamedNodeTaggedForAnotherTask_IsKept()
    {
        var task = StoppedLegacyTask();
        var other = task.TaskArn.Replace("5a7c", "0000", StringComparison.Ordinal);
        var node = PlannedLegacyNode(new Dictionary<string, string> { [TaskKey] = other, [ClusterKey] = task.ClusterArn });

        var decision = Assert.Single(Cleanup.Tests.Plan.SweepFixture.PlanSweep([node], [], [], Mode(LegacyMode.Act), [task]).Nodes);

        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.NameMismatch, decision.Reason);
    }

    [Theory]
    [InlineData(LegacyMode.Act, PlannedAction.Deregister, Reasons.LegacyAdoptedTaskStopped)]
    [InlineData(LegacyMode.Report, PlannedAction.Keep, Reasons.NameMismatch)]
    public void Plan_LegacyNodeAdoptedByAnEarlierRun_IsRemovedOnlyInAct(LegacyMode mode, PlannedAction action, string reason)
    {
        var task = StoppedLegacyTask();
        var node = PlannedLegacyNode(new Dictionary<string, string> { [TaskKey] = task.TaskArn, [ClusterKey] = task.ClusterArn });

        var decision = Assert.Single(Cleanup.Tests.Plan.SweepFixture.PlanSweep([node], [], [], Mode(mode), [task]).Nodes);

        Assert.Equal(action, decision.Action);
        Assert.Equal(reason, decision.Reason);
        Assert.Null(decision.Adopt);
    }

    // A task registered the old way: the fixed name, no tags, from the task's ENI address; then the task stops.
    private static async Task<(string InstanceId, Emulator.EmulatedTask Task)> LegacyFleetAsync(EmulatorHarness h)
    {
        var task = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var agent = await h.Fleet.RegisterForeignAsync(LegacyName, task.PrivateIp!);
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        return (agent.InstanceId, task);
    }

    private static ItemOutcome Item(RunResult result, string id) => Assert.Single(result.Items, i => i.Decision.ResourceId == id);
}
