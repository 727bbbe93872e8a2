using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Plan;

/// <summary>
/// Evidence is built when it is first read: whatever reads it, and however often, it is the same sorted map the
/// planner used to build up front, and a plan nobody reads the evidence of decides exactly the same.
/// </summary>
public class LazyEvidenceTests
{
    private static readonly DateTimeOffset _stoppedAt = Now.AddMinutes(-30);

    [Fact]
    public void Evidence_OfANodeAndItsActivation_IsTheFullSortedMap()
    {
        var task = Task();
        var plan = PlanSweep([OldNode(task, TimeSpan.FromHours(1), "act-1")], [Activation(task, "act-1")], [Evidence(task, TaskState.Stopped, _stoppedAt)]);

        var node = Assert.Single(plan.Nodes);
        var activation = Assert.Single(plan.Activations);

        Assert.Equal(
            Sorted(EcsStopped(task), new()
            {
                ["activationId"] = "act-1",
                ["ipAddress"] = "10.0.1.25",
                ["lastPingDateTime"] = "2026-11-26T11:00:00Z",
                ["name"] = task.InstanceName,
                ["nodeAgeSeconds"] = "10800",
                ["ownership.proof"] = "node-tags",
                ["pingAgeSeconds"] = "3600",
                ["pingStatus"] = "ConnectionLost",
                ["registrationDate"] = "2026-11-26T09:00:00Z",
                ["tag:ssm-cleanup:cluster-arn"] = task.Cluster.Value,
                ["tag:ssm-cleanup:task-arn"] = task.Task.Value,
            }),
            node.Evidence.ToList());
        Assert.Equal(
            Sorted(EcsStopped(task), new()
            {
                ["createdDate"] = "2026-11-26T11:00:00Z",
                ["expirationDate"] = "2026-11-26T13:00:00Z",
                ["expired"] = "false",
                ["name"] = task.InstanceName,
                ["registrations"] = "1/1",
                ["tag:ssm-cleanup:cluster-arn"] = task.Cluster.Value,
                ["tag:ssm-cleanup:task-arn"] = task.Task.Value,
            }),
            activation.Evidence.ToList());
        Assert.Equal(node.Evidence.Count, node.Evidence.Keys.Count());
        Assert.Equal(node.Evidence.Values, node.Evidence.Select(e => e.Value));
    }

    [Fact]
    public void Evidence_OfALegacyMatch_CarriesTheMatchedTaskAndHowItMatched()
    {
        var ecsTask = new EcsTask(
            "arn:aws:ecs:us-east-1:123456789012:task/shells/0123456789abcdef0123456789abcdef",
            "arn:aws:ecs:us-east-1:123456789012:cluster/shells",
            "STOPPED",
            Now.AddHours(-5),
            Now.AddHours(-5).AddSeconds(30),
            Now.AddHours(-2),
            "EssentialContainerExited",
            ["10.0.1.25"]);
        var node = Node(new Dictionary<string, string>(), "fargate-shell", "act-9") with
        {
            RegistrationDate = Now.AddHours(-5).AddMinutes(1),
            LastPingDateTime = Now.AddHours(-4),
            PingStatus = "ConnectionLost",
        };
        var options = TestOptions.Default with { Sweep = new SweepSettings { LegacyMode = LegacyMode.Report, LegacyName = "fargate-shell" } };

        var decision = Assert.Single(PlanSweep([node], [], [], options, [ecsTask]).Nodes);

        Assert.Equal(Reasons.LegacyCandidate, decision.Reason);
        Assert.Equal(
            Sorted(new()
            {
                ["activationId"] = "act-9",
                ["ecs.clusterArn"] = ecsTask.ClusterArn,
                ["ecs.lastStatus"] = "STOPPED",
                ["ecs.state"] = "STOPPED",
                ["ecs.statusSource"] = "ecs:DescribeTasks",
                ["ecs.stopCode"] = "EssentialContainerExited",
                ["ecs.stoppedAt"] = "2026-11-26T10:00:00Z",
                ["ipAddress"] = "10.0.1.25",
                ["lastPingDateTime"] = "2026-11-26T08:00:00Z",
                ["legacy.match"] = "name+ipAddress+registrationDate",
                ["name"] = "fargate-shell",
                ["nodeAgeSeconds"] = "17940",
                ["ownership.proof"] = "node-tags",
                ["pingAgeSeconds"] = "14400",
                ["pingStatus"] = "ConnectionLost",
                ["registrationDate"] = "2026-11-26T07:01:00Z",
            }),
            decision.Evidence.ToList());
    }

    [Fact]
    public void Evidence_ReadTwice_GivesEqualMaps()
    {
        var task = Task();
        var plan = PlanSweep([OldNode(task, TimeSpan.FromHours(1))], [Activation(task)], [Evidence(task, TaskState.Missing)]);

        foreach (var decision in plan.All)
        {
            var first = decision.Evidence.ToList();
            var second = decision.Evidence.ToList();

            Assert.NotEmpty(first);
            Assert.Equal(first, second);
            Assert.Equal(decision.Evidence["tag:ssm-cleanup:task-arn"], decision.Evidence["tag:ssm-cleanup:task-arn"]);
        }
    }

    [Fact]
    public void Evidence_ReadFromManyThreadsAtOnce_IsOneMap()
    {
        var task = Task();
        var decision = Assert.Single(PlanSweep([OldNode(task, TimeSpan.FromHours(1))], [], [Evidence(task, TaskState.Alive)]).Nodes);

        var reads = new List<KeyValuePair<string, string>>[8];
        Parallel.For(0, reads.Length, i => reads[i] = decision.Evidence.ToList());

        Assert.All(reads, read => Assert.Equal(reads[0], read));
        Assert.Equal("ALIVE", decision.Evidence["ecs.state"]);
    }

    [Fact]
    public void Plan_EvidenceNeverRead_StillDecidesActionReasonAndTask()
    {
        var (stopped, alive, missing, unknown) = (Task(), Task(), Task(), Task());
        var held = Task();
        var untagged = Node(new Dictionary<string, string>(), "shells/someone-elses");
        var nodes = new[]
        {
            OldNode(stopped, TimeSpan.FromHours(1), "act-stopped"),
            OldNode(alive, TimeSpan.FromHours(2), "act-alive"),
            OldNode(missing, TimeSpan.FromHours(2), "act-missing"),
            OldNode(unknown, TimeSpan.FromHours(2), "act-unknown"),
            OldNode(held, TimeSpan.FromMinutes(1), "act-held"),
            untagged,
        };
        var activations = new[]
        {
            Activation(stopped, "act-stopped"),
            Activation(alive, "act-alive"),
            Activation(missing, "act-missing"),
            Activation(unknown, "act-unknown"),
            Activation(held, "act-held"),
        };
        var evidence = new[]
        {
            Evidence(stopped, TaskState.Stopped, _stoppedAt),
            Evidence(alive, TaskState.Alive),
            Evidence(missing, TaskState.Missing),
            Evidence(unknown, TaskState.Unknown),
            Evidence(held, TaskState.Stopped, _stoppedAt),
        };

        var plan = PlanSweep(nodes, activations, evidence);

        Assert.Equal(
            [
                (PlannedAction.Deregister, Reasons.TaskStopped, stopped.Task.Value),
                (PlannedAction.Keep, Reasons.TaskAlive, alive.Task.Value),
                (PlannedAction.Deregister, Reasons.TaskMissing, missing.Task.Value),
                (PlannedAction.Keep, Reasons.TaskStatusUnknown, unknown.Task.Value),
                (PlannedAction.Keep, Reasons.PingedAfterStop, held.Task.Value),
                (PlannedAction.Keep, Reasons.NotOwned, (string?)null),
            ],
            plan.Nodes.Select(d => (d.Action, d.Reason, d.TaskArn)));
        Assert.Equal(
            [
                (PlannedAction.Delete, Reasons.TaskStopped, stopped.Task.Value),
                (PlannedAction.Keep, Reasons.ActivationInUse, alive.Task.Value),
                (PlannedAction.Delete, Reasons.TaskMissing, missing.Task.Value),
                (PlannedAction.Keep, Reasons.TaskStatusUnknown, unknown.Task.Value),
                (PlannedAction.Keep, Reasons.NodeKept, held.Task.Value),
            ],
            plan.Activations.Select(d => (d.Action, d.Reason, d.TaskArn)));
        Assert.Equal((2, 5), (plan.Brake.NodeRemovals, plan.Brake.OwnedNodes));
    }

    private static Dictionary<string, string> EcsStopped(Cleanup.Events.StoppedTask task) => new()
    {
        ["ecs.clusterArn"] = task.Cluster.Value,
        ["ecs.lastStatus"] = "STOPPED",
        ["ecs.state"] = "STOPPED",
        ["ecs.statusSource"] = "ecs:DescribeTasks",
        ["ecs.stoppedAt"] = "2026-11-26T11:30:00Z",
    };

    private static List<KeyValuePair<string, string>> Sorted(Dictionary<string, string> evidence, Dictionary<string, string>? more = null) =>
        [.. evidence.Concat(more ?? []).OrderBy(e => e.Key, StringComparer.Ordinal)];
}
