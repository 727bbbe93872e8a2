using System.Text.Json.Nodes;
using Cleanup.Cli.Demo;
using Cleanup.Execute;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// Odd but real AWS answers over the wire (docs/aws-answers.md): a cluster ECS does not know, a cluster ECS denies,
/// one task under both ARN formats. None may fail every run, and none may make anything alive look dead.
/// </summary>
public class OddAnswerTests
{
    private static readonly TimeSpan _settled = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Sweep_NodeOfAClusterEcsDoesNotKnow_SweepSucceedsAndTheNodeGoesPastTheOfflineGrace()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (running, stopped) = await h.SettledFleetAsync(running: 1, stopped: 1);
        // Its cluster was deleted: ECS answers ClusterNotFoundException for anything asked about it.
        var orphan = await h.Fleet.LaunchAsync("deleted-cluster", "10.9.0.1");
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await Fleet.PingAsync(running);

        var early = await h.SweepAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(31));
        await Fleet.PingAsync(running);
        var late = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, early.Status);
        Assert.Equal(Reasons.OfflineGrace, Item(early, orphan.InstanceId!).Decision.Reason);
        Assert.Equal("not-found", Item(early, orphan.InstanceId!).Decision.Evidence["ecs.cluster"]);
        Assert.False(h.HasNode(stopped[0].InstanceId));
        Assert.Equal(RunStatus.Succeeded, late.Status);
        Assert.Equal(Reasons.TaskMissing, Item(late, orphan.InstanceId!).Decision.Reason);
        Assert.False(h.HasNode(orphan.InstanceId));
        // What it must not delete: the live task's node, in a cluster ECS knows.
        Assert.True(h.HasNode(running[0].InstanceId));
        Assert.Equal(Reasons.TaskAlive, Item(late, running[0].InstanceId!).Decision.Reason);
    }

    [Fact]
    public async Task Sweep_OnlineNodeOfAClusterEcsDoesNotKnow_IsKept()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var orphan = await h.Fleet.LaunchAsync("deleted-cluster", "10.9.0.1");
        h.Clock.Advance(TimeSpan.FromHours(3));
        // Something still speaks for the node: whatever ECS says, a pinging node is not deregistered.
        await Fleet.PingAsync([orphan]);

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(Reasons.OnlineButTaskMissing, Item(result, orphan.InstanceId!).Decision.Reason);
        Assert.True(h.HasNode(orphan.InstanceId));
        Assert.True(h.HasActivation(orphan.ActivationId));
    }

    [Fact]
    public async Task Sweep_OneClusterDenied_KeepsItsItemsAndTheRestConvergesRunAfterRun()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 2);
        var (_, secret) = await h.SettledFleetAsync(running: 0, stopped: 1, cluster: "secret");
        h.Emulator.Faults.FailForCluster("DescribeTasks", "secret");

        var first = await h.SweepAsync();
        var more = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(_settled);
        h.Emulator.Ecs.StopTask(more.TaskArn);
        h.Clock.Advance(_settled);
        var second = await h.SweepAsync();

        foreach (var result in new[] { first, second })
        {
            Assert.Equal(RunStatus.Succeeded, result.Status);
            Assert.Contains("ECS denied access to 1 cluster(s)", result.Message, StringComparison.Ordinal);
            Assert.Equal(Reasons.EcsAccessDenied, Item(result, secret[0].InstanceId!).Decision.Reason);
            Assert.Equal(Reasons.EcsAccessDenied, Item(result, secret[0].ActivationId).Decision.Reason);
            Assert.Equal([h.Fleet.ClusterArn("secret")], result.DeniedClusters);
        }

        // What it must not delete: the denied cluster's node and activation, dead as they may be.
        Assert.True(h.HasNode(secret[0].InstanceId));
        Assert.True(h.HasActivation(secret[0].ActivationId));
        Assert.All(stopped, t => Assert.False(h.HasNode(t.InstanceId)));
        Assert.False(h.HasNode(more.InstanceId));
        var runs = Lines(h).Where(l => l["_aws"] is not null && l["Reason"] is null).ToList();
        Assert.All(runs, r => Assert.Equal(1, (int?)r["EcsClustersDenied"]));
    }

    [Fact]
    public async Task Sweep_EveryClusterDenied_FailsAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, shells) = await h.SettledFleetAsync(running: 0, stopped: 1);
        var (_, secret) = await h.SettledFleetAsync(running: 0, stopped: 1, cluster: "secret");
        h.Emulator.Faults.FailForCluster("DescribeTasks", "shells");
        h.Emulator.Faults.FailForCluster("DescribeTasks", "secret");

        var result = await h.SweepAsync();

        // The role itself lacks ECS access: nothing in the fleet could be judged, and saying "succeeded" would hide it.
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("ECS denied access to every cluster", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(shells[0].InstanceId));
        Assert.True(h.HasNode(secret[0].InstanceId));
    }

    [Fact]
    public async Task Sweep_EcsRefusesEveryTask_FailsAndDeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 3);
        // What halving cannot pin on one task is ECS refusing us, not an odd task.
        h.Emulator.Faults.FailForCluster("DescribeTasks", "shells", "ClientException");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("ECS refused every one of the 3 task(s)", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
        Assert.All(stopped, t => Assert.True(h.HasNode(t.InstanceId)));
    }

    [Fact]
    public async Task Sweep_SameTaskUnderBothArnFormats_SucceedsAndRemovesBothNodes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        var oldFormat = $"arn:aws:ecs:{h.Fleet.Region}:{h.Fleet.Account}:task/{task.TaskId}";
        var name = $"shells/{task.TaskId}";
        // An old-format activation with its node, and a second node whose activation is gone: its claim comes from its
        // name, in the long format. One task, asked about once, proven in both forms.
        var (first, firstCode) = await h.Fleet.CreateActivationAsync(name, Owned(oldFormat, task.ClusterArn));
        var a = await Emulator.StubAgent.RegisterAsync(h.Emulator.Url, first, firstCode);
        var (second, secondCode) = await h.Fleet.CreateActivationAsync(name, Owned(oldFormat, task.ClusterArn));
        var b = await Emulator.StubAgent.RegisterAsync(h.Emulator.Url, second, secondCode);
        await h.Ssm.DeleteActivationAsync(new() { ActivationId = second });
        var bystander = await h.Fleet.RunOnEcsAsync("shells");
        h.Clock.Advance(_settled);
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(_settled);
        h.Emulator.Calls.Reset();

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(a.InstanceId));
        Assert.False(h.HasNode(b.InstanceId));
        Assert.True(h.HasNode(bystander.InstanceId));
        Assert.Equal(Reasons.TaskStopped, Item(result, a.InstanceId).Decision.Reason);
        Assert.Equal(Reasons.TaskStopped, Item(result, b.InstanceId).Decision.Reason);
        Assert.Equal(1, h.Emulator.Calls.Count("DescribeTasks"));
    }

    [Fact]
    public async Task QueuedBatch_TaskOfADeletedClusterAndADeniedCluster_OnlyTheDeniedOneComesBack()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var orphan = await h.Fleet.LaunchAsync("deleted-cluster", "10.9.0.1");
        var (_, secret) = await h.SettledFleetAsync(running: 0, stopped: 1, cluster: "secret");
        var (_, shells) = await h.SettledFleetAsync(running: 0, stopped: 1);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.Emulator.Faults.FailForCluster("DescribeTasks", "secret");
        var now = h.Clock.GetUtcNow();

        var result = await h.RunAsync(SqsBatch.Build(h.Fleet.StoppedEvent(orphan, now), h.Fleet.StoppedEvent(secret[0], now), h.Fleet.StoppedEvent(shells[0], now)));

        // The deleted cluster's task is dead by ECS's own word: settled (its node goes once offline past the grace,
        // which it is). The denied cluster's task is unknown: its message comes back, and only that one.
        Assert.True(Assert.Single(result.Tasks, t => t.TaskArn == orphan.TaskArn).Settled);
        Assert.False(h.HasNode(orphan.InstanceId));
        Assert.False(h.HasNode(shells[0].InstanceId));
        Assert.False(Assert.Single(result.Tasks, t => t.TaskArn == secret[0].TaskArn).Settled);
        Assert.True(h.HasNode(secret[0].InstanceId));
        Assert.Single(result.BatchResponse!.ItemIdentifiers);
    }

    [Fact]
    public async Task Sweep_OneTaskSsmRefusesAsAFilterValue_KeepsItsNodeAndTheRestConverges()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 3);
        var registry = new RefusingRegistry(new Cleanup.Aws.SsmRegistry(h.Ssm), stopped[1].TaskArn);
        var runner = new CleanupRunner(registry, EcsTaskDirectoryFor(h), h.Options, h.Clock, h.Log, new Cleanup.Aws.SsmLeaseStore(h.Ssm));

        var result = await runner.RunAsync("""{"cleanup":"sweep"}"""u8.ToArray());

        Assert.Equal(RunStatus.Succeeded, result.Status);
        // What it must not delete: the node whose ownership SSM did not vouch for.
        Assert.True(h.HasNode(stopped[1].InstanceId));
        Assert.Equal(Reasons.OwnershipUnproven, Item(result, stopped[1].InstanceId!).Decision.Reason);
        Assert.False(h.HasNode(stopped[0].InstanceId));
        Assert.False(h.HasNode(stopped[2].InstanceId));
    }

    [Fact]
    public async Task Sweep_OneNodeWhoseTagsSsmDenies_IsLeftAloneAndTheRestConverges()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 3);
        // Neither the account (for the name) nor the activation (for its tags) is known: the tags are read per node.
        h.Options = h.Options with { AccountId = null };
        foreach (var task in stopped)
        {
            await new Cleanup.Aws.SsmRegistry(h.Ssm).DeleteActivationAsync(task.ActivationId, default);
        }

        // A policy on one node (an SCP, a tag-based deny) refuses its tags, run after run.
        h.Emulator.Faults.FailFor("ListTagsForResource", "ResourceId", stopped[0].InstanceId!);

        var first = await h.SweepAsync();
        var second = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Contains("SSM denied reading the tags of 1 node(s)", first.Message, StringComparison.Ordinal);
        Assert.True(h.HasNode(stopped[0].InstanceId));
        Assert.False(h.HasNode(stopped[1].InstanceId));
        Assert.False(h.HasNode(stopped[2].InstanceId));
        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.True(h.HasNode(stopped[0].InstanceId));
    }

    [Fact]
    public async Task Sweep_DeregistrationAnsweredInvalidInstanceIdForANodeSsmStillLists_FailsThatItemInsteadOfCallingItGone()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 2);
        // SSM's answer when the caller may not access the node: the same code as for a node that is gone.
        h.Emulator.Faults.FailFor("DeregisterManagedInstance", "InstanceId", stopped[0].InstanceId!, "InvalidInstanceId");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(OutcomeStatus.Failed, Item(result, stopped[0].InstanceId!).Status);
        Assert.True(h.HasNode(stopped[0].InstanceId));
        Assert.Equal(OutcomeStatus.Removed, Item(result, stopped[1].InstanceId!).Status);
    }

    [Fact]
    public async Task Sweep_NodeDeregisteredByItsContainerBeforeTheSweepDoes_IsAlreadyGone()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 1);
        var registry = new DeregisterFirst(new Cleanup.Aws.SsmRegistry(h.Ssm), h.Ssm);
        var runner = new CleanupRunner(registry, EcsTaskDirectoryFor(h), h.Options, h.Clock, h.Log, new Cleanup.Aws.SsmLeaseStore(h.Ssm));

        var result = await runner.RunAsync("""{"cleanup":"sweep"}"""u8.ToArray());

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(OutcomeStatus.AlreadyGone, Item(result, stopped[0].InstanceId!).Status);
    }

    /// <summary>The real registry, whose every deregistration finds the node just deregistered by someone else (its container on SIGTERM).</summary>
    private sealed class DeregisterFirst(Cleanup.Inventory.IHybridRegistry inner, Amazon.SimpleSystemsManagement.IAmazonSimpleSystemsManagement ssm) : ForwardingRegistry(inner)
    {
        public override async Task<Cleanup.Inventory.DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken)
        {
            await ssm.DeregisterManagedInstanceAsync(new() { InstanceId = instanceId }, cancellationToken);
            return await base.DeregisterNodeAsync(instanceId, cancellationToken);
        }
    }

    private static Cleanup.Inventory.ITaskDirectory EcsTaskDirectoryFor(EmulatorHarness h) =>
        Cleanup.Aws.Ecs.EcsTaskDirectoryFactory.ForEndpoint(h.Options, new Amazon.Runtime.BasicAWSCredentials("test", "test"), h.Emulator.Url);

    /// <summary>The real registry, except that SSM refuses any tag filter naming one task ARN, as it refuses a value it will not take.</summary>
    private sealed class RefusingRegistry(Cleanup.Inventory.IHybridRegistry inner, string poison) : ForwardingRegistry(inner)
    {
        public override Task<IReadOnlyList<Cleanup.Inventory.ManagedNode>> FindNodesByTagsAsync(IReadOnlyList<Cleanup.Inventory.TagFilter> filters, CancellationToken cancellationToken) =>
            filters.Any(f => f.Values.Contains(poison))
                ? throw new Cleanup.Inventory.RegistryException("InvalidInstanceInformationFilterValue", "tag filter value is invalid")
                : base.FindNodesByTagsAsync(filters, cancellationToken);
    }

    private static IEnumerable<JsonNode> Lines(EmulatorHarness h) =>
        h.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!);

    private static Dictionary<string, string> Owned(string taskArn, string clusterArn) => new()
    {
        ["ssm-cleanup:task-arn"] = taskArn,
        ["ssm-cleanup:cluster-arn"] = clusterArn,
    };

    private static ItemOutcome Item(RunResult result, string id) => Assert.Single(result.Items, i => i.Decision.ResourceId == id);
}
