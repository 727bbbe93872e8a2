using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Plan;

public class LegacyMatcherTests
{
    private const string LegacyName = "fargate-shell";

    private static CleanupOptions Mode(LegacyMode mode) =>
        TestOptions.WithClusters("shells") with { Sweep = new SweepSettings { LegacyMode = mode, LegacyName = LegacyName } };

    private static ManagedNode LegacyNode(string ip, DateTimeOffset registered) =>
        Node(new Dictionary<string, string>(), LegacyName) with
        {
            IPAddress = ip,
            RegistrationDate = registered,
            LastPingDateTime = registered.AddMinutes(20),
            PingStatus = "ConnectionLost",
        };

    private static EcsTask EcsTask(string ip, DateTimeOffset created, DateTimeOffset? stoppedAt) => new(
        $"arn:aws:ecs:us-east-1:123456789012:task/shells/{Guid.NewGuid():N}",
        "arn:aws:ecs:us-east-1:123456789012:cluster/shells",
        stoppedAt is null ? "RUNNING" : "STOPPED",
        created,
        created.AddSeconds(30),
        stoppedAt,
        stoppedAt is null ? null : "EssentialContainerExited",
        [ip]);

    [Fact]
    public void Legacy_Report_ListsTheMatchWithEvidenceAndDeletesNothing()
    {
        var task = EcsTask("10.0.1.25", Now.AddHours(-5), Now.AddHours(-2));
        var node = LegacyNode("10.0.1.25", Now.AddHours(-5).AddMinutes(1));

        var decision = Assert.Single(PlanSweep([node], [], [], Mode(LegacyMode.Report), [task]).Nodes);

        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.LegacyCandidate, decision.Reason);
        Assert.Equal(task.TaskArn, decision.TaskArn);
        Assert.Equal("name+ipAddress+registrationDate", decision.Evidence["legacy.match"]);
        Assert.Equal("10.0.1.25", decision.Evidence["ipAddress"]);
    }

    [Fact]
    public void Legacy_Act_DeregistersOnlyTheMatchedNode()
    {
        var task = EcsTask("10.0.1.25", Now.AddHours(-5), Now.AddHours(-2));
        var matched = LegacyNode("10.0.1.25", Now.AddHours(-5).AddMinutes(1));
        var otherIp = LegacyNode("10.0.1.26", Now.AddHours(-5).AddMinutes(1)) with { InstanceId = "mi-00000000000000001" };
        var registeredAfterStop = LegacyNode("10.0.1.25", Now.AddHours(-1)) with { InstanceId = "mi-00000000000000002" };
        var otherName = LegacyNode("10.0.1.25", Now.AddHours(-5).AddMinutes(1)) with { InstanceId = "mi-00000000000000003", Name = "onprem-db-01" };

        var plan = PlanSweep([matched, otherIp, registeredAfterStop, otherName], [], [], Mode(LegacyMode.Act), [task]);

        Assert.Equal([matched.InstanceId], plan.NodesToDeregister.Select(d => d.ResourceId));
        Assert.Equal(Reasons.LegacyTaskStopped, plan.Nodes.Single(d => d.ResourceId == matched.InstanceId).Reason);
        Assert.All(plan.Nodes.Where(d => d.ResourceId != matched.InstanceId), d => Assert.Equal(Reasons.NotOwned, d.Reason));
    }

    [Fact]
    public void Legacy_Off_IgnoresEvenAPerfectMatch()
    {
        var task = EcsTask("10.0.1.25", Now.AddHours(-5), Now.AddHours(-2));
        var node = LegacyNode("10.0.1.25", Now.AddHours(-5).AddMinutes(1));

        Assert.Equal(Reasons.NotOwned, Assert.Single(PlanSweep([node], [], [], TestOptions.Default, [task]).Nodes).Reason);
    }

    [Fact]
    public void Legacy_MatchedTaskStillRunning_IsKept()
    {
        var task = EcsTask("10.0.1.25", Now.AddHours(-5), stoppedAt: null);

        var decision = Assert.Single(PlanSweep([LegacyNode("10.0.1.25", Now.AddHours(-4))], [], [], Mode(LegacyMode.Act), [task]).Nodes);

        Assert.Equal(Reasons.LegacyTaskAlive, decision.Reason);
    }

    [Fact]
    public void Legacy_TwoTasksWithTheSameAddressInTime_IsAmbiguousAndKept()
    {
        // ENI addresses are reused: two tasks whose lifetimes both cover the registration cannot be told apart.
        var first = EcsTask("10.0.1.25", Now.AddHours(-6), Now.AddHours(-2));
        var second = EcsTask("10.0.1.25", Now.AddHours(-5), Now.AddHours(-1));

        var decision = Assert.Single(PlanSweep([LegacyNode("10.0.1.25", Now.AddHours(-4))], [], [], Mode(LegacyMode.Act), [first, second]).Nodes);

        Assert.Equal(Reasons.LegacyAmbiguous, decision.Reason);
    }

    [Fact]
    public void Legacy_NodePingedAfterTheTaskStopped_IsKept()
    {
        var task = EcsTask("10.0.1.25", Now.AddHours(-5), Now.AddHours(-2));
        var node = LegacyNode("10.0.1.25", Now.AddHours(-4)) with { LastPingDateTime = Now.AddMinutes(-5) };

        Assert.Equal(Reasons.PingedAfterStop, Assert.Single(PlanSweep([node], [], [], Mode(LegacyMode.Act), [task]).Nodes).Reason);
    }
}
