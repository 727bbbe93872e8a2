using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;

namespace Cleanup.Tests.Support;

/// <summary>One SSM item (a node or an activation) the fault matrix watches, named for assertion messages.</summary>
public sealed record WatchedItem(string Label, string Id, bool IsNode, string? MessageId = null);

/// <summary>
/// The fault matrix's fleet, small but with every kind of item a fault must not reach: three tasks RUNNING in ECS
/// (two nodes Online, one ConnectionLost), two STOPPED tasks whose nodes and activations are the only things that may
/// go, and foreign items: an untagged on-prem node, another team's node tagged (under its own prefix) with a dead
/// task's ARN, an untagged node carrying a dead task's name, and an EC2 instance carrying our ownership tags and the
/// name of a dead task.
/// </summary>
public sealed class FaultMatrixFleet
{
    public const string Cluster = "shells";

    private FaultMatrixFleet(List<FleetTask> live, List<FleetTask> dead, List<WatchedItem> foreign, string ec2InstanceId)
    {
        Live = live;
        Dead = dead;
        Foreign = foreign;
        Ec2InstanceId = ec2InstanceId;
    }

    /// <summary>The EC2 instance tagged as a dead task's: in scope of every read, never a candidate.</summary>
    public string Ec2InstanceId { get; }

    public IReadOnlyList<FleetTask> Live { get; }

    public IReadOnlyList<FleetTask> Dead { get; }

    /// <summary>Every item that must survive whatever happens: the live tasks' and the foreign ones.</summary>
    public IReadOnlyList<WatchedItem> Kept => [.. Live.SelectMany((t, i) => Items(t, $"live-{i}")), .. Foreign];

    /// <summary>The dead tasks' nodes and activations, each with the SQS message of its task.</summary>
    public IReadOnlyList<WatchedItem> Removable => [.. Dead.SelectMany((t, i) => Items(t, $"dead-{i}"))];

    private IReadOnlyList<WatchedItem> Foreign { get; }

    public static string MessageOf(string taskLabel) => $"m-{taskLabel}";

    public static async Task<FaultMatrixFleet> BuildAsync(EmulatorHarness h)
    {
        var tasks = new List<FleetTask>();
        for (var i = 0; i < 5; i++)
        {
            tasks.Add(await h.Fleet.RunOnEcsAsync(Cluster));
        }

        var (live, dead) = (tasks.Take(3).ToList(), tasks.Skip(3).ToList());
        var foreign = new List<WatchedItem>();
        await AddForeignAsync(h, foreign, "untagged on-prem", "onprem-db-01", "192.168.10.5", null);
        await AddForeignAsync(h, foreign, "other team's tags naming a dead task", "payments-build-07", "10.20.0.7", new Dictionary<string, string>
        {
            ["team"] = "payments",
            ["payments-cleanup:task-arn"] = dead[1].TaskArn,
            ["payments-cleanup:cluster-arn"] = dead[1].ClusterArn,
        });
        await AddForeignAsync(h, foreign, "dead task's name, no tags", $"{Cluster}/{dead[0].TaskId}", dead[0].Ip, null);
        var ec2 = h.Emulator.Ssm.AddNode(new NewNode
        {
            ResourceType = "EC2Instance",
            Name = $"{Cluster}/{dead[0].TaskId}",
            IPAddress = dead[0].Ip,
            LastPingDateTime = h.Clock.GetUtcNow(),
            Tags = new Dictionary<string, string>
            {
                ["ssm-cleanup:task-arn"] = dead[0].TaskArn,
                ["ssm-cleanup:cluster-arn"] = dead[0].ClusterArn,
            },
        });
        foreign.Add(new WatchedItem("EC2 instance with a dead task's tags and name", ec2.InstanceId, IsNode: true));

        // Past the registration grace; the live-2 agent falls silent, the others ping, then two tasks stop.
        h.Clock.Advance(h.Options.Sweep.RegistrationGrace + TimeSpan.FromMinutes(5));
        await Fleet.PingAsync([live[0], live[1], .. dead]);
        dead.ForEach(t => h.Emulator.Ecs.StopTask(t.TaskArn));
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var lost = await h.Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [new InstanceInformationStringFilter { Key = "PingStatus", Values = ["ConnectionLost"] }],
        });
        var lostIds = lost.InstanceInformationList.Select(n => n.InstanceId).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(live[2].InstanceId!, lostIds);
        Assert.DoesNotContain(live[0].InstanceId!, lostIds);
        Assert.All(h.Emulator.Ecs.Tasks().Where(t => live.Any(l => l.TaskArn == t.TaskArn)), t => Assert.Equal("RUNNING", t.LastStatus));
        return new FaultMatrixFleet(live, dead, foreign, ec2.InstanceId);
    }

    /// <summary>The queued event path's batch: a STOPPED event per dead task, and a forged one for live-2.</summary>
    public string Batch(EmulatorHarness h) => SqsBatch.Build(
    [
        (MessageOf("dead-0"), h.Fleet.StoppedEvent(Dead[0], h.Clock.GetUtcNow())),
        (MessageOf("dead-1"), h.Fleet.StoppedEvent(Dead[1], h.Clock.GetUtcNow())),
        (MessageOf("live-2"), h.Fleet.StoppedEvent(Live[2], h.Clock.GetUtcNow())),
    ]);

    public static bool Exists(EmulatorHarness h, WatchedItem item) => item.IsNode ? h.HasNode(item.Id) : h.HasActivation(item.Id);

    /// <summary>No live task's node or activation and no foreign item is gone.</summary>
    public void AssertKeptUntouched(EmulatorHarness h) =>
        Assert.All(Kept, item => Assert.True(Exists(h, item), $"{item.Label} {(item.IsNode ? "node" : "activation")} {item.Id} was removed"));

    /// <summary>Every dead task's node and activation is gone, everything else is there.</summary>
    public void AssertConverged(EmulatorHarness h)
    {
        AssertKeptUntouched(h);
        Assert.All(Removable, item => Assert.False(Exists(h, item), $"{item.Label} {item.Id} is still there"));
    }

    private static IEnumerable<WatchedItem> Items(FleetTask task, string label) =>
    [
        new WatchedItem($"{label} node", task.InstanceId!, IsNode: true, MessageOf(label)),
        new WatchedItem($"{label} activation", task.ActivationId, IsNode: false, MessageOf(label)),
    ];

    private static async Task AddForeignAsync(EmulatorHarness h, List<WatchedItem> foreign, string label, string name, string ip, Dictionary<string, string>? tags)
    {
        var agent = await h.Fleet.RegisterForeignAsync(name, ip, tags);
        var activationId = h.Emulator.Ssm.Nodes().Single(n => n.InstanceId == agent.InstanceId).ActivationId!;
        foreign.Add(new WatchedItem(label, agent.InstanceId, IsNode: true));
        foreign.Add(new WatchedItem($"{label} (its activation)", activationId, IsNode: false));
    }
}
