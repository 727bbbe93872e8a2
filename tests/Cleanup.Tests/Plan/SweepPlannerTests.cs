using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Plan;

public class SweepPlannerTests
{
    [Fact]
    public void Sweep_RunningTasksConnectionLostNode_IsKept()
    {
        var task = Task();
        var node = OldNode(task, pingedAgo: TimeSpan.FromHours(2));

        var decision = Assert.Single(PlanSweep([node], [], [Evidence(task, TaskState.Alive)]).Nodes);

        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.TaskAlive, decision.Reason);
        Assert.Equal("ecs:DescribeTasks", decision.Evidence["ecs.statusSource"]);
    }

    [Fact]
    public void Sweep_StoppedTasksNode_IsDeregistered()
    {
        var task = Task();

        var decision = Assert.Single(PlanSweep([OldNode(task, TimeSpan.FromHours(1))], [], [Evidence(task, TaskState.Stopped)]).Nodes);

        Assert.Equal(PlannedAction.Deregister, decision.Action);
        Assert.Equal(Reasons.TaskStopped, decision.Reason);
        Assert.Equal(0.5, decision.DeadNodeHours, 3);
    }

    [Fact]
    public void Sweep_MissingTasksNodeOfflinePastGrace_IsDeregistered()
    {
        var task = Task();

        var decision = Assert.Single(PlanSweep([OldNode(task, TimeSpan.FromMinutes(61))], [], [Evidence(task, TaskState.Missing)]).Nodes);

        Assert.Equal(PlannedAction.Deregister, decision.Action);
        Assert.Equal(Reasons.TaskMissing, decision.Reason);
    }

    [Fact]
    public void Sweep_MissingTasksNodeOfflineWithinGrace_IsKept()
    {
        var task = Task();

        var decision = Assert.Single(PlanSweep([OldNode(task, TimeSpan.FromMinutes(59))], [], [Evidence(task, TaskState.Missing)]).Nodes);

        Assert.Equal(Reasons.OfflineGrace, decision.Reason);
    }

    [Fact]
    public void Sweep_MissingTasksNodeStillOnline_IsKeptAsAContradiction()
    {
        var task = Task();
        var activation = Activation(task);
        var node = OldNode(task, TimeSpan.FromMinutes(2), activation.ActivationId);

        var plan = PlanSweep([node], [activation], [Evidence(task, TaskState.Missing)]);

        Assert.Equal(Reasons.OnlineButTaskMissing, Assert.Single(plan.Nodes).Reason);
        Assert.Equal(Reasons.NodeKept, Assert.Single(plan.Activations).Reason);
    }

    [Fact]
    public void Sweep_NeverPingedNode_IsJudgedFromItsRegistrationDate()
    {
        var task = Task();
        var old = OldNode(task, pingedAgo: null);
        var recent = OldNode(task, pingedAgo: null) with { InstanceId = "mi-0000000000000000f", RegistrationDate = Now.AddMinutes(-30) };

        var plan = PlanSweep([old, recent], [], [Evidence(task, TaskState.Missing)]);

        Assert.Equal(Reasons.TaskMissing, plan.Nodes.Single(d => d.ResourceId == old.InstanceId).Reason);
        Assert.Equal(Reasons.OfflineGrace, plan.Nodes.Single(d => d.ResourceId == recent.InstanceId).Reason);
    }

    [Theory]
    [InlineData(TaskState.Stopped)]
    [InlineData(TaskState.Missing)]
    public void Sweep_NodeYoungerThanRegistrationGrace_IsKept(TaskState state)
    {
        var task = Task();
        var node = OldNode(task, null) with { RegistrationDate = Now.AddMinutes(-9) };

        var decision = Assert.Single(PlanSweep([node], [], [Evidence(task, state, stoppedAt: Now.AddMinutes(-8))]).Nodes);

        Assert.Equal(Reasons.RegistrationGrace, decision.Reason);
    }

    [Fact]
    public void Sweep_NodeWithoutRegistrationDate_IsKeptAsTooYoungToJudge()
    {
        var task = Task();
        var node = OldNode(task, TimeSpan.FromHours(2)) with { RegistrationDate = null };

        Assert.Equal(Reasons.RegistrationGrace, Assert.Single(PlanSweep([node], [], [Evidence(task, TaskState.Missing)]).Nodes).Reason);
    }

    [Fact]
    public void Sweep_TaskStatusUnknown_KeepsNodeAndActivation()
    {
        var task = Task();
        var activation = Activation(task);

        var plan = PlanSweep([OldNode(task, TimeSpan.FromDays(2), activation.ActivationId)], [activation], [Evidence(task, TaskState.Unknown)]);

        Assert.All(plan.All, d => Assert.Equal(Reasons.TaskStatusUnknown, d.Reason));
        Assert.Equal("ServerException: boom", plan.Nodes[0].Evidence["ecs.error"]);
    }

    [Fact]
    public void Sweep_TaskWithoutEvidence_IsNeverDeleted()
    {
        var task = Task();

        var plan = PlanSweep([OldNode(task, TimeSpan.FromDays(2))], [Activation(task)], []);

        Assert.DoesNotContain(plan.All, d => d.Removes);
    }

    [Fact]
    public void Sweep_EcsReportsAnotherCluster_IsKept()
    {
        var task = Task();
        var evidence = Evidence(task, TaskState.Stopped) with { ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/elsewhere" };

        // Evidence is keyed by (cluster, task): an answer about the task in another cluster is not this node's.
        var decision = Assert.Single(PlanSweep([OldNode(task, TimeSpan.FromHours(2))], [], [evidence]).Nodes);
        Assert.Equal(PlannedAction.Keep, decision.Action);
        Assert.Equal(Reasons.TaskNotInScope, decision.Reason);
    }

    [Fact]
    public void Sweep_EcsAnswerInTheAskedClusterNamingAnotherCluster_IsClusterMismatch()
    {
        var task = Task();
        var evidence = Evidence(task, TaskState.Stopped) with { ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/elsewhere" };
        var asked = new Dictionary<TaskKey, TaskEvidence> { [new(task.Cluster.Value, task.Task.Value)] = evidence };
        var inventory = new FleetInventory([OldNode(task, TimeSpan.FromHours(2))], [], asked, WholeFleet: true);

        var decision = Assert.Single(Planner.Create(inventory, Sweep, TestOptions.Default, Now).Nodes);

        Assert.Equal(Reasons.ClusterMismatch, decision.Reason);
    }

    [Theory]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:task/shells/0123")]
    [InlineData("arn:aws:ecs:us-east-1:999999999999:task/shells/0123")]
    [InlineData("not-an-arn")]
    public void Sweep_OwnershipTagsOfAnotherAccountOrRegion_AreForeign(string taskArn)
    {
        var task = Task();
        var tags = OwnedTags(task);
        tags["ssm-cleanup:task-arn"] = taskArn;

        var decision = Assert.Single(PlanSweep([OldNode(task, TimeSpan.FromHours(2)) with { Tags = tags }], [], [Evidence(task, TaskState.Stopped)]).Nodes);

        Assert.Equal(Reasons.ForeignTags, decision.Reason);
    }

    [Fact]
    public void Sweep_OwnershipTagsOfAnotherPartitionThanTheRegions_AreForeign()
    {
        var task = Task();
        var tags = OwnedTags(task);
        // Consistent with each other, in the right region and account, but aws-cn ARNs name nothing in us-east-1.
        tags["ssm-cleanup:task-arn"] = tags["ssm-cleanup:task-arn"].Replace("arn:aws:", "arn:aws-cn:", StringComparison.Ordinal);
        tags["ssm-cleanup:cluster-arn"] = tags["ssm-cleanup:cluster-arn"].Replace("arn:aws:", "arn:aws-cn:", StringComparison.Ordinal);

        var decision = Assert.Single(PlanSweep([OldNode(task, TimeSpan.FromHours(2)) with { Tags = tags }], [], [Evidence(task, TaskState.Stopped)]).Nodes);

        Assert.Equal(Reasons.ForeignTags, decision.Reason);
        Assert.False(decision.Removes);
    }

    [Fact]
    public void Sweep_UntaggedAndForeignNodes_AreNeverTouched()
    {
        var task = Task();
        var onPrem = OldNode(task, TimeSpan.FromDays(30)) with { Tags = new Dictionary<string, string> { ["team"] = "dba" }, Name = "onprem-db-01" };

        var decision = Assert.Single(PlanSweep([onPrem], [], [Evidence(task, TaskState.Stopped)]).Nodes);

        Assert.Equal(Reasons.NotOwned, decision.Reason);
    }

    [Fact]
    public void Sweep_ExpiredActivationOfALiveTask_IsDeleted()
    {
        var task = Task();
        var activation = Activation(task) with { Expired = true, ExpirationDate = Now.AddMinutes(-5) };

        var decision = Assert.Single(PlanSweep([], [activation], [Evidence(task, TaskState.Alive)]).Activations);

        Assert.Equal(PlannedAction.Delete, decision.Action);
        Assert.Equal(Reasons.ActivationExpired, decision.Reason);
    }

    [Fact]
    public void Sweep_UnusedActivation_IsDeletedOnlyPastItsGrace()
    {
        var task = Task();
        var old = Activation(task) with { RegistrationsCount = 0, CreatedDate = Now.AddMinutes(-121), ExpirationDate = Now.AddDays(1) };
        var fresh = Activation(task) with { RegistrationsCount = 0, CreatedDate = Now.AddMinutes(-119), ExpirationDate = Now.AddDays(1) };

        var plan = PlanSweep([], [old, fresh], [Evidence(task, TaskState.Alive)]);

        Assert.Equal(Reasons.ActivationUnused, plan.Activations.Single(d => d.ResourceId == old.ActivationId).Reason);
        Assert.Equal(Reasons.ActivationInUse, plan.Activations.Single(d => d.ResourceId == fresh.ActivationId).Reason);
    }

    [Fact]
    public void Sweep_ExhaustedActivation_IsDeletedOnlyWhenNoNodeRemains()
    {
        var task = Task();
        var orphan = Activation(task);
        var inUse = Activation(task);
        var node = OldNode(task, TimeSpan.FromMinutes(2), inUse.ActivationId);

        var plan = PlanSweep([node], [orphan, inUse], [Evidence(task, TaskState.Alive)]);

        Assert.Equal(Reasons.ActivationExhausted, plan.Activations.Single(d => d.ResourceId == orphan.ActivationId).Reason);
        Assert.Equal(Reasons.ActivationInUse, plan.Activations.Single(d => d.ResourceId == inUse.ActivationId).Reason);
    }

    [Fact]
    public void Event_ExhaustedActivationWithoutNode_IsNotJudgedWithoutTheWholeFleet()
    {
        var stopped = Task();
        var other = Task();
        var inventory = new FleetInventory([], [Activation(other)], EvidenceIndex.Of([Evidence(other, TaskState.Alive)]));

        var decision = Assert.Single(Planner.Create(inventory, Stopped(stopped), TestOptions.Default, Now).Activations);

        Assert.Equal(PlannedAction.Keep, decision.Action);
    }

    [Theory]
    [InlineData(TaskState.Stopped, Reasons.TaskStopped)]
    [InlineData(TaskState.Missing, Reasons.TaskMissing)]
    public void Sweep_DeadTasksActivation_IsDeleted(TaskState state, string reason)
    {
        var task = Task();

        var decision = Assert.Single(PlanSweep([], [Activation(task)], [Evidence(task, state)]).Activations);

        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Brake_MoreNodesThanMaxDeletions_Trips()
    {
        var (nodes, evidence) = Fleet(dead: 6, alive: 100);
        var options = TestOptions.Default with { Sweep = new SweepSettings { MaxDeletionsPerRun = 5 } };

        var plan = PlanSweep(nodes, [], evidence, options);

        Assert.True(plan.Brake.Tripped);
        Assert.Equal(6, plan.Brake.NodeRemovals);
        Assert.Contains("MaxDeletionsPerRun=5", plan.Brake.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Brake_MoreThanThePercentageOfTheFleet_Trips()
    {
        var (nodes, evidence) = Fleet(dead: 26, alive: 74);

        var plan = PlanSweep(nodes, [], evidence);

        Assert.True(plan.Brake.Tripped);
        Assert.Equal(100, plan.Brake.OwnedNodes);
        Assert.Contains("MaxDeletionPercent=25%", plan.Brake.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Brake_AtThePercentage_DoesNotTrip()
    {
        var (nodes, evidence) = Fleet(dead: 25, alive: 75);

        Assert.False(PlanSweep(nodes, [], evidence).Brake.Tripped);
    }

    [Fact]
    public void Brake_SmallFleet_IsNotJudgedByPercentage()
    {
        var (nodes, evidence) = Fleet(dead: 3, alive: 16);

        Assert.False(PlanSweep(nodes, [], evidence).Brake.Tripped);
    }

    [Fact]
    public void Brake_MassConnectionLostWithEcsMissing_Trips()
    {
        // An SSM or network outage: every node offline for hours and ECS no longer knows the tasks.
        var tasks = Enumerable.Range(0, 40).Select(_ => Task()).ToList();
        var nodes = tasks.Select(t => OldNode(t, TimeSpan.FromHours(2))).ToList();

        var plan = PlanSweep(nodes, [], tasks.Select(t => Evidence(t, TaskState.Missing)));

        Assert.True(plan.Brake.Tripped);
    }

    [Fact]
    public void Brake_OnAnEvent_CountsButIgnoresThePercentage()
    {
        var task = Task();
        var nodes = Enumerable.Range(0, 3).Select(i => Node(task) with { InstanceId = $"mi-{i:x17}" }).ToList();

        Assert.False(PlanFor(Stopped(task), nodes: nodes).Brake.Tripped);
        Assert.True(PlanFor(Stopped(task), TestOptions.Default with { Sweep = new SweepSettings { MaxDeletionsPerRun = 2 } }, nodes: nodes).Brake.Tripped);
    }

    [Fact]
    public void Brake_ActivationsDoNotCount()
    {
        var tasks = Enumerable.Range(0, 10).Select(_ => Task()).ToList();
        var options = TestOptions.Default with { Sweep = new SweepSettings { MaxDeletionsPerRun = 0 } };

        var plan = PlanSweep([], [.. tasks.Select(t => Activation(t))], tasks.Select(t => Evidence(t, TaskState.Stopped)), options);

        Assert.False(plan.Brake.Tripped);
        Assert.Equal(10, plan.ActivationsToDelete.Count());
    }

    private static (List<ManagedNode> Nodes, List<TaskEvidence> Evidence) Fleet(int dead, int alive)
    {
        var nodes = new List<ManagedNode>();
        var evidence = new List<TaskEvidence>();
        for (var i = 0; i < dead + alive; i++)
        {
            var task = Task();
            nodes.Add(OldNode(task, TimeSpan.FromHours(2)));
            evidence.Add(Evidence(task, i < dead ? TaskState.Stopped : TaskState.Alive));
        }

        return (nodes, evidence);
    }
}
