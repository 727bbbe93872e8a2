using Cleanup.Aws;
using Cleanup.Cli.Demo;
using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Inventory;

public class InventoryReaderTests
{
    [Fact]
    public async Task Read_MoreThan100StoppedTasks_QueriesInBatchesOf100AndFindsEveryNode()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var tasks = new List<FleetTask>();
        for (var i = 0; i < 130; i++)
        {
            tasks.Add(await h.Fleet.LaunchAsync("shells", $"10.0.{i / 200}.{i % 200}"));
        }

        var trigger = new TaskStoppedTrigger("e", [.. tasks.Select(t => Stopped(t))]);
        h.Emulator.Calls.Reset();

        var inventory = await new InventoryReader(new SsmRegistry(h.Ssm), null, TestOptions.Default).ReadAsync(trigger, default);

        Assert.Equal(130, inventory.Nodes.Count);
        Assert.Equal(130, inventory.Activations.Count);
        Assert.All(inventory.Nodes, n => Assert.Equal(2, n.Tags.Count));
        var describes = h.Emulator.Calls.All().Where(c => c.Operation == "DescribeInstanceInformation").ToList();
        // The first 100 task ARNs: two pages of 50; the other 30: one page. A single filter of 130 values would be refused.
        Assert.Equal(3, describes.Count);
        Assert.All(describes, c => Assert.Equal(200, c.StatusCode));
    }

    [Fact]
    public async Task Read_NodeWhoseActivationIsGone_IsStillFound()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11");
        await new SsmRegistry(h.Ssm).DeleteActivationAsync(task.ActivationId, default);

        var inventory = await new InventoryReader(new SsmRegistry(h.Ssm), null, TestOptions.Default)
            .ReadAsync(new TaskStoppedTrigger("e", [Stopped(task)]), default);

        Assert.Equal(task.InstanceId, Assert.Single(inventory.Nodes).InstanceId);
        Assert.Empty(inventory.Activations);
    }

    private static StoppedTask Stopped(FleetTask task) =>
        new(TaskArn.TryParse(task.TaskArn)!, ClusterArn.TryParse(task.ClusterArn)!, null, null, null);
}
