using Cleanup.Inventory;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;

namespace Cleanup.Tests.Plan;

public class PlannerTests
{
    [Fact]
    public void Plan_StoppedTasksOwnedNode_IsDeregisteredWithEvidence()
    {
        var task = Task();
        var node = Node(task, activationId: "act-1");

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [node]).Nodes);

        Assert.Equal(PlannedAction.Deregister, decision.Action);
        Assert.Equal(Reasons.TaskStopped, decision.Reason);
        Assert.Equal(task.Task.Value, decision.TaskArn);
        Assert.Equal(task.Task.Value, decision.Evidence["tag:ssm-cleanup:task-arn"]);
        Assert.Equal(task.Cluster.Value, decision.Evidence["tag:ssm-cleanup:cluster-arn"]);
        Assert.Equal("ecs:DescribeTasks", decision.Evidence["ecs.statusSource"]);
        Assert.Equal("act-1", decision.Evidence["activationId"]);
        Assert.Equal("240", decision.Evidence["pingAgeSeconds"]);
    }

    [Fact]
    public void Plan_StoppedTasksOwnedActivation_IsDeleted()
    {
        var task = Task();

        var decision = Assert.Single(PlanFor(Stopped(task), activations: [Activation(task)]).Activations);

        Assert.Equal(PlannedAction.Delete, decision.Action);
        Assert.Equal(Reasons.TaskStopped, decision.Reason);
    }

    [Fact]
    public void Plan_OldFormatTaskArn_MatchesOnFullArn()
    {
        var task = Task(cluster: "legacy", oldFormat: true);

        var plan = PlanFor(Stopped(task), nodes: [Node(task)], activations: [Activation(task)]);

        Assert.All(plan.All, d => Assert.True(d.Removes));
    }

    [Fact]
    public void Plan_RunningTasksNode_IsKept()
    {
        var stopped = Task();
        var running = Task();

        var decision = Assert.Single(PlanFor(Stopped(stopped), nodes: [Node(running)]).Nodes);

        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.TaskNotInScope, decision.Reason);
        Assert.Equal(running.Task.Value, decision.TaskArn);
    }

    [Fact]
    public void Plan_UntaggedNodeWithTheTasksName_IsKept()
    {
        var task = Task();
        var node = Node(new Dictionary<string, string>(), task.InstanceName);

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [node]).Nodes);

        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.NotOwned, decision.Reason);
    }

    [Fact]
    public void Plan_NodeWithOnlyTaskTag_IsKept()
    {
        var task = Task();
        var tags = OwnedTags(task);
        tags.Remove("ssm-cleanup:cluster-arn");

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [Node(tags, task.InstanceName)]).Nodes);

        Assert.Equal(Reasons.NotOwned, decision.Reason);
    }

    [Fact]
    public void Plan_TagsUnderAnotherPrefix_AreNotOurs()
    {
        var task = Task();
        var node = Node(OwnedTags(task, prefix: "other-tool"), task.InstanceName);

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [node]).Nodes);

        Assert.Equal(Reasons.NotOwned, decision.Reason);
    }

    [Fact]
    public void Plan_ConfiguredPrefix_IsTheOnlyOneHonoured()
    {
        var task = Task();
        var options = TestOptions.Default with { Tags = new("acme") };
        var ours = Node(OwnedTags(task, "acme"), task.InstanceName);
        var defaultPrefix = Node(task);

        var plan = PlanFor(Stopped(task), options, nodes: [ours, defaultPrefix]);

        Assert.Equal(PlannedAction.Deregister, plan.Nodes.Single(d => d.ResourceId == ours.InstanceId).Action);
        Assert.Equal(PlannedAction.Keep, plan.Nodes.Single(d => d.ResourceId == defaultPrefix.InstanceId).Action);
    }

    [Fact]
    public void Plan_ClusterTagDisagreesWithEvent_IsKept()
    {
        var task = Task();
        var tags = OwnedTags(task);
        tags["ssm-cleanup:cluster-arn"] = "arn:aws:ecs:us-east-1:123456789012:cluster/other";

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [Node(tags, task.InstanceName)]).Nodes);

        Assert.Equal(Reasons.ClusterMismatch, decision.Reason);
    }

    [Fact]
    public void Plan_NameNotClusterSlashTaskId_IsKept()
    {
        var task = Task();

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [Node(OwnedTags(task), "my-shell")]).Nodes);

        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.NameMismatch, decision.Reason);
    }

    [Fact]
    public void Plan_ClusterOutsideAllowList_IsKept()
    {
        var task = Task(cluster: "prod");

        var plan = PlanFor(Stopped(task), TestOptions.WithClusters("shells"), nodes: [Node(task)], activations: [Activation(task)]);

        Assert.All(plan.All, d => Assert.Equal(Reasons.ClusterNotAllowed, d.Reason));
        Assert.DoesNotContain(plan.All, d => d.Removes);
    }

    [Fact]
    public void Plan_Ec2InstanceWithOurTags_IsKept()
    {
        var task = Task();
        var node = Node(task) with { InstanceId = "i-0123456789abcdef0", ResourceType = "EC2Instance" };

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [node]).Nodes);

        Assert.Equal(Reasons.NotHybridNode, decision.Reason);
    }

    [Fact]
    public void Plan_NodePingedAfterTaskStopped_IsKeptWithItsActivation()
    {
        var task = Task(stoppedAt: Now.AddMinutes(-10));
        var activation = Activation(task);
        var node = Node(OwnedTags(task), task.InstanceName, activation.ActivationId, lastPing: Now.AddMinutes(-1));

        var plan = PlanFor(Stopped(task), nodes: [node], activations: [activation]);

        Assert.Equal(Reasons.PingedAfterStop, Assert.Single(plan.Nodes).Reason);
        Assert.Equal(Reasons.NodeKept, Assert.Single(plan.Activations).Reason);
        Assert.DoesNotContain(plan.All, d => d.Removes);
    }

    [Fact]
    public void Plan_PingWithinAllowanceAfterStop_StillDeregisters()
    {
        var task = Task(stoppedAt: Now.AddMinutes(-10));
        var node = Node(OwnedTags(task), task.InstanceName, lastPing: Now.AddMinutes(-10).AddSeconds(30));

        Assert.Equal(PlannedAction.Deregister, Assert.Single(PlanFor(Stopped(task), nodes: [node]).Nodes).Action);
    }

    [Fact]
    public void Plan_NeverPingedNode_IsJudgedOnOwnership()
    {
        var task = Task();
        var node = Node(task) with { LastPingDateTime = null, PingStatus = "ConnectionLost" };

        var decision = Assert.Single(PlanFor(Stopped(task), nodes: [node]).Nodes);

        Assert.Equal(PlannedAction.Deregister, decision.Action);
        Assert.False(decision.Evidence.ContainsKey("pingAgeSeconds"));
    }

    [Fact]
    public void Plan_ActivationFoundByNameWithoutOurTags_IsKept()
    {
        var task = Task();

        var decision = Assert.Single(PlanFor(Stopped(task), activations: [Activation(new Dictionary<string, string>(), task.InstanceName)]).Activations);

        Assert.Equal(Reasons.NotOwned, decision.Reason);
    }

    [Fact]
    public void Plan_OnlyTheStoppedTasksItems_AreRemovedFromAMixedFleet()
    {
        var stopped = Task();
        var running = Task();
        var foreign = Node(new Dictionary<string, string> { ["team"] = "dba" }, "onprem-db-01");
        var nodes = new[] { Node(stopped), Node(running), foreign };
        var activations = new[] { Activation(stopped), Activation(running) };

        var plan = PlanFor(Stopped(stopped), nodes: nodes, activations: activations);

        Assert.Equal([nodes[0].InstanceId], plan.NodesToDeregister.Select(d => d.ResourceId));
        Assert.Equal([activations[0].ActivationId], plan.ActivationsToDelete.Select(d => d.ResourceId));
        Assert.Equal(5, plan.All.Count());
    }

    [Fact]
    public void Plan_SameTaskTwiceInTrigger_DecidesOnce()
    {
        var task = Task();

        var plan = PlanFor(Stopped(task, task), nodes: [Node(task)]);

        Assert.Single(plan.NodesToDeregister);
    }

    [Fact]
    public void Plan_EmptyInventory_DecidesNothing()
    {
        Assert.Empty(PlanFor(Stopped(Task())).All);
    }

    [Fact]
    public void Plan_IsDeterministic()
    {
        var task = Task();
        var inventory = new FleetInventory([Node(task)], [Activation(task)], NoTasks);

        var first = Planner.Create(inventory, Stopped(task), TestOptions.Default, Now);
        var second = Planner.Create(inventory, Stopped(task), TestOptions.Default, Now);

        Assert.Equal(first.All.Select(d => (d.ResourceId, d.Action, d.Reason)), second.All.Select(d => (d.ResourceId, d.Action, d.Reason)));
    }
}
