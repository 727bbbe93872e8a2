using Amazon.Runtime;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Cli.Demo;
using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Inventory;

public class InventoryReaderTests
{
    [Fact]
    public async Task Read_130StoppedTasks_AsksEcsPer100AndProvesOwnershipWithTagFiltersOnly()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var tasks = new List<FleetTask>();
        for (var i = 0; i < 130; i++)
        {
            tasks.Add(await h.Fleet.RunOnEcsAsync("shells"));
        }

        h.Clock.Advance(TimeSpan.FromMinutes(15));
        tasks.ForEach(t => h.Emulator.Ecs.StopTask(t.TaskArn));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.Emulator.Calls.Reset();

        var inventory = await Reader(h).ReadAsync(new TaskStoppedTrigger("e", [.. tasks.Select(Stopped)]), default);

        Assert.Equal(130, inventory.Nodes.Count);
        Assert.Equal(130, inventory.Activations.Count);
        Assert.All(inventory.Nodes, n => Assert.Equal(OwnershipProof.TagFilter, n.Proof));
        Assert.All(inventory.Nodes, n => Assert.Equal(2, n.Tags.Count));
        Assert.All(tasks, t => Assert.Equal(TaskState.Stopped, inventory.Tasks[new(t.ClusterArn, t.TaskArn)].State));
        var calls = h.Emulator.Calls.All().GroupBy(c => c.Operation).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, calls["DescribeTasks"]);
        // 100 task ARNs in one filter: two pages of 50; the other 30: one page.
        Assert.Equal(3, calls["DescribeInstanceInformation"]);
        // 50 names per call, one page each.
        Assert.Equal(3, calls["DescribeActivations"]);
        Assert.False(calls.ContainsKey("ListTagsForResource"));
    }

    [Fact]
    public async Task Read_TaskEcsReportsRunning_ReadsNothingFromSsm()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Calls.Reset();

        var inventory = await Reader(h).ReadAsync(new TaskStoppedTrigger("e", [Stopped(task)]), default);

        Assert.Empty(inventory.Nodes);
        Assert.Empty(inventory.Activations);
        Assert.Equal(TaskState.Alive, inventory.Tasks[new(task.ClusterArn, task.TaskArn)].State);
        Assert.Equal("DescribeTasks", Assert.Single(h.Emulator.Calls.All()).Operation);
    }

    [Fact]
    public async Task Read_NodeWhoseActivationIsGone_IsStillFound()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await new SsmRegistry(h.Ssm).DeleteActivationAsync(task.ActivationId, default);

        var inventory = await Reader(h).ReadAsync(new TaskStoppedTrigger("e", [Stopped(task)]), default);

        Assert.Equal(task.InstanceId, Assert.Single(inventory.Nodes).InstanceId);
        Assert.Empty(inventory.Activations);
    }

    [Fact]
    public async Task Read_NodeCarryingTheTaskTagButAnotherClusterTag_IsNotProven()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var forged = await h.Fleet.RegisterForeignAsync(
            $"{task.ClusterName}/{task.TaskId}",
            "10.0.9.9",
            new Dictionary<string, string> { ["ssm-cleanup:task-arn"] = task.TaskArn, ["ssm-cleanup:cluster-arn"] = h.Fleet.ClusterArn("other") });
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var inventory = await Reader(h).ReadAsync(new TaskStoppedTrigger("e", [Stopped(task)]), default);

        Assert.Equal(task.InstanceId, Assert.Single(inventory.Nodes).InstanceId);
        Assert.DoesNotContain(inventory.Nodes, n => n.InstanceId == forged.InstanceId);
    }

    [Fact]
    public async Task ReadFleet_TagsOfAnotherPartitionThanTheRegions_AreNotAskedAbout()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var id = "5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";
        await h.Fleet.RegisterForeignAsync(
            $"shells/{id}",
            "10.0.9.9",
            new Dictionary<string, string>
            {
                ["ssm-cleanup:task-arn"] = $"arn:aws-cn:ecs:us-east-1:123456789012:task/shells/{id}",
                ["ssm-cleanup:cluster-arn"] = "arn:aws-cn:ecs:us-east-1:123456789012:cluster/shells",
            });
        h.Emulator.Calls.Reset();

        var inventory = await Reader(h).ReadAsync(new SweepTrigger("sweep", "test"), default);

        // Its activation's aws-cn tags claim nothing in us-east-1, whatever its name: ECS is never asked about them.
        Assert.DoesNotContain(inventory.Tasks.Keys, k => k.TaskArn.StartsWith("arn:aws-cn:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_NodeTaggedForAnotherRegion_IsNeitherAskedAboutNorDeleted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, stopped) = await h.SettledFleetAsync(running: 0, stopped: 1);
        var dead = stopped[0];
        var id = "0b3d4f6a8c2e4b6d8f0a1c3e5a7c9e1f";
        // Named as the convention says, and tagged (through its activation) for a task of another region.
        var foreign = await h.Fleet.RegisterForeignAsync(
            $"{dead.ClusterName}/{id}",
            "10.0.9.9",
            new Dictionary<string, string>
            {
                ["ssm-cleanup:task-arn"] = $"arn:aws:ecs:us-west-2:{TestOptions.Account}:task/{dead.ClusterName}/{id}",
                ["ssm-cleanup:cluster-arn"] = $"arn:aws:ecs:us-west-2:{TestOptions.Account}:cluster/{dead.ClusterName}",
            });
        h.Clock.Advance(TimeSpan.FromMinutes(15));

        var inventory = await Reader(h).ReadAsync(new SweepTrigger("sweep", "test"), default);
        var result = await h.SweepAsync();

        // Its name would make a claim of this region; its activation's tags, which SSM copied onto it, make none.
        Assert.Equal(new TaskKey(dead.ClusterArn, dead.TaskArn), Assert.Single(inventory.Tasks.Keys));
        Assert.True(result.Status == RunStatus.Succeeded, result.Message);
        Assert.True(h.HasNode(foreign.InstanceId));
        Assert.False(h.HasNode(dead.InstanceId));
        Assert.Equal(Reasons.ForeignTags, Assert.Single(result.Items, i => i.Decision.ResourceId == foreign.InstanceId).Decision.Reason);
    }

    private static InventoryReader Reader(EmulatorHarness h) =>
        new(new SsmRegistry(h.Ssm), EcsTaskDirectoryFactory.ForEndpoint(h.Options, new BasicAWSCredentials("test", "test"), h.Emulator.Url), TestOptions.Default);

    private static StoppedTask Stopped(FleetTask task) =>
        new(TaskArn.TryParse(task.TaskArn)!, ClusterArn.TryParse(task.ClusterArn)!, null, null, null);
}
