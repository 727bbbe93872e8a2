using System.Text;
using System.Text.Json;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The count brake on the queued event path, over the wire: a batch whose dead tasks own more nodes than
/// MaxDeletionsPerRun settles whole tasks up to the limit and returns exactly the others' messages, which a later
/// delivery settles; only a task that alone exceeds the limit trips the brake.
/// </summary>
public class QueuedBrakeTests
{
    [Fact]
    public async Task QueuedBatch_TasksOwn150NodesOverALimitOf100_Removes100WholeTasksAndReturnsTheOthersWhichARedeliverySettles()
    {
        await using var h = await EmulatorHarness.StartAsync();
        // Detailed metrics: TasksDeferredByBrake and TasksUnsettled are not among the default 10.
        h.Options = Limit(h, 100) with { Metrics = MetricDetail.Detailed };
        var tasks = await StoppedTasksAsync(h, count: 30, nodesEach: 5);
        var messages = tasks.Select((t, i) => ($"m-{i:D2}", h.Fleet.StoppedEvent(t.Task, h.Clock.GetUtcNow()))).ToList();
        h.Emulator.Calls.Reset();

        var first = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(SqsBatch.Build(messages)));

        // Batch order decides among equally fresh messages: the first 20 tasks (100 nodes) are settled.
        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(messages.Skip(20).Select(m => m.Item1), first.BatchResponse!.ItemIdentifiers.Order());
        Assert.Equal(100, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        Assert.All(tasks.Take(20).SelectMany(t => t.Nodes), n => Assert.False(h.HasNode(n)));
        // What must not be deleted: nothing of a task left for the next delivery, node or activation.
        Assert.All(tasks.Skip(20).SelectMany(t => t.Nodes), n => Assert.True(h.HasNode(n)));
        Assert.All(tasks.Skip(20).SelectMany(t => t.Activations), a => Assert.True(h.HasActivation(a)));
        Assert.Equal(10, first.Tasks.Count(t => t.DeferredByBrake));
        var metrics = EmfMetrics(h.Log.ToString());
        Assert.Equal(0, metrics["BrakeTripped"]);
        Assert.Equal(10, metrics["TasksDeferredByBrake"]);
        Assert.Equal(0, metrics["TasksUnsettled"]);

        var redelivered = SqsBatch.Build(messages.Skip(20), receiveCount: 2);
        var answer = await HandleAsync(h, redelivered);

        Assert.Empty(answer);
        Assert.Empty(h.Emulator.Ssm.Nodes());
        Assert.Empty(h.Emulator.Ssm.Activations());
    }

    [Fact]
    public async Task QueuedBatch_OneTaskOwnsMoreNodesThanTheLimit_BrakeTripsOnItRemovesNothingOfItAndSettlesTheOther()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Options = Limit(h, 3) with { Metrics = MetricDetail.Detailed };
        var tasks = await StoppedTasksAsync(h, count: 2, nodesEach: 1);
        var big = tasks[0];
        for (var i = 0; i < 3; i++)
        {
            var (node, activation) = await ExtraNodeAsync(h, big.Task);
            big.Nodes.Add(node);
            big.Activations.Add(activation);
        }

        var batch = SqsBatch.Build([("m-big", h.Fleet.StoppedEvent(big.Task, h.Clock.GetUtcNow())), ("m-small", h.Fleet.StoppedEvent(tasks[1].Task, h.Clock.GetUtcNow()))]);
        h.Emulator.Calls.Reset();

        var answer = await HandleAsync(h, batch);

        Assert.Equal(["m-big"], answer);
        Assert.All(big.Nodes, n => Assert.True(h.HasNode(n)));
        Assert.All(big.Activations, a => Assert.True(h.HasActivation(a)));
        Assert.False(h.HasNode(tasks[1].Nodes[0]));
        Assert.Equal(1, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        var metrics = EmfMetrics(h.Log.ToString());
        Assert.Equal(1, metrics["BrakeTripped"]);
        Assert.Equal(0, metrics["TasksDeferredByBrake"]);
        Assert.Contains("\"status\":\"brake-tripped\"", h.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedBatch_MessageReceivedMoreOften_IsSettledBeforeAFreshOne()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Options = Limit(h, 1);
        var tasks = await StoppedTasksAsync(h, count: 2, nodesEach: 1);
        var (fresh, old) = (tasks[0], tasks[1]);
        var batch = Merge(
            SqsBatch.Build([("m-fresh", h.Fleet.StoppedEvent(fresh.Task, h.Clock.GetUtcNow()))], receiveCount: 1),
            SqsBatch.Build([("m-old", h.Fleet.StoppedEvent(old.Task, h.Clock.GetUtcNow()))], receiveCount: 4));

        var answer = await HandleAsync(h, batch);

        Assert.Equal(["m-fresh"], answer);
        Assert.False(h.HasNode(old.Nodes[0]));
        Assert.True(h.HasNode(fresh.Nodes[0]));
        Assert.True(h.HasActivation(fresh.Activations[0]));
    }

    private sealed record OwningTask(FleetTask Task, List<string> Nodes, List<string> Activations);

    private static CleanupOptions Limit(EmulatorHarness h, int max) =>
        h.Options with { Sweep = h.Options.Sweep with { MaxDeletionsPerRun = max } };

    // Tasks running in ECS, each with nodesEach registered nodes (one activation each), then all stopped.
    private static async Task<List<OwningTask>> StoppedTasksAsync(EmulatorHarness h, int count, int nodesEach)
    {
        var tasks = new List<OwningTask>();
        for (var i = 0; i < count; i++)
        {
            var task = await h.Fleet.RunOnEcsAsync("shells");
            var owning = new OwningTask(task, [task.InstanceId!], [task.ActivationId]);
            for (var n = 1; n < nodesEach; n++)
            {
                var (node, activation) = await ExtraNodeAsync(h, task);
                owning.Nodes.Add(node);
                owning.Activations.Add(activation);
            }

            tasks.Add(owning);
        }

        h.Clock.Advance(TimeSpan.FromMinutes(15));
        tasks.ForEach(t => h.Emulator.Ecs.StopTask(t.Task.TaskArn));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        return tasks;
    }

    // Another node of the same task (an agent that registered twice): same name, same ownership tags.
    private static async Task<(string Node, string Activation)> ExtraNodeAsync(EmulatorHarness h, FleetTask task)
    {
        var tags = new Dictionary<string, string>
        {
            ["ssm-cleanup:task-arn"] = task.TaskArn,
            ["ssm-cleanup:cluster-arn"] = task.ClusterArn,
        };
        var (activationId, code) = await h.Fleet.CreateActivationAsync(OwnershipTags.InstanceName(task.ClusterName, task.TaskId), tags);
        var agent = await StubAgent.RegisterAsync(h.Emulator.Url, activationId, code);
        await agent.PingAsync(task.Ip, "ip-extra");
        return (agent.InstanceId, activationId);
    }

    // One batch whose records carry different ApproximateReceiveCounts, as a redelivery mixed with new messages does.
    private static string Merge(params string[] batches)
    {
        var records = new List<string>();
        foreach (var batch in batches)
        {
            using var json = JsonDocument.Parse(batch);
            records.AddRange(json.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetRawText()));
        }

        return $$"""{"Records":[{{string.Join(',', records)}}]}""";
    }

    private static Dictionary<string, double> EmfMetrics(string log)
    {
        var line = log.Split('\n').Last(l => l.Contains("\"CloudWatchMetrics\"", StringComparison.Ordinal) && l.Contains("\"BrakeTripped\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        return json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetDouble());
    }

    private static async Task<List<string>> HandleAsync(EmulatorHarness h, string batch)
    {
        using var output = await new Function(h.Runner()).Handler(new MemoryStream(Encoding.UTF8.GetBytes(batch)));
        using var json = await JsonDocument.ParseAsync(output);
        return [.. json.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];
    }
}
