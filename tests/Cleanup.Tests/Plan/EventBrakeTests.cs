using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;

namespace Cleanup.Tests.Plan;

/// <summary>
/// The count brake on the event path, as a pure function of the plan and the trigger: whole tasks, most often
/// received first, up to MaxDeletionsPerRun; the rest wait; only a task that alone exceeds the limit trips it.
/// </summary>
public class EventBrakeTests
{
    [Fact]
    public void EventBrake_150NodesOverALimitOf100_TakesWholeTasksUpTo100AndHoldsTheOthersWhole()
    {
        var tasks = Enumerable.Range(0, 30).Select(_ => Task()).ToArray();

        var plan = Plan(Limit(100), tasks, nodesEach: 5);

        Assert.False(plan.Brake.Tripped);
        var held = HeldTasks(plan);
        Assert.Equal(tasks.Skip(20).Select(t => t.Task.TaskId).Order(), held.Order());
        Assert.Equal(held, plan.Brake.DeferredTasks.Order());
        Assert.Equal(100, plan.Nodes.Count(n => n.Removes && !plan.Brake.Holds(n)));
        // What must not be deleted: every node and the activation of a task left for later.
        Assert.All(plan.All.Where(d => held.Contains(EventBrake.TaskOf(d)!)), d => Assert.True(plan.Brake.Holds(d)));
        Assert.All(plan.Activations.Where(d => !held.Contains(EventBrake.TaskOf(d)!)), d => Assert.False(plan.Brake.Holds(d)));
    }

    [Fact]
    public void EventBrake_OneTaskOwnsMoreNodesThanTheLimit_TripsOnItAloneAndTakesTheOthers()
    {
        var (big, small) = (Task(), Task());
        var nodes = Enumerable.Range(0, 6).Select(_ => Node(big)).Append(Node(small)).ToList();

        var plan = PlanFor(Stopped(big, small), Limit(5), nodes: nodes, activations: [Activation(big), Activation(small)]);

        Assert.True(plan.Brake.Tripped);
        Assert.Equal([big.Task.TaskId], plan.Brake.TrippedTasks);
        Assert.Empty(plan.Brake.DeferredTasks);
        Assert.All(plan.All.Where(d => EventBrake.TaskOf(d) == big.Task.TaskId), d => Assert.True(plan.Brake.Holds(d)));
        Assert.All(plan.All.Where(d => EventBrake.TaskOf(d) == small.Task.TaskId), d => Assert.False(plan.Brake.Holds(d)));
        Assert.Contains("brake tripped", plan.Brake.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void EventBrake_MoreOftenReceivedTask_GoesBeforeAFresherOneEarlierInTheBatch()
    {
        var fresh = Task();
        var old = Task() with { ReceiveCount = 3 };

        var plan = Plan(Limit(4), [fresh, old], nodesEach: 3);

        Assert.Equal([fresh.Task.TaskId], plan.Brake.DeferredTasks);
        Assert.Equal([fresh.Task.TaskId], HeldTasks(plan));
    }

    [Fact]
    public void EventBrake_SameReceiveCount_BatchOrderDecides()
    {
        var (first, second) = (Task() with { ReceiveCount = 2 }, Task() with { ReceiveCount = 2 });

        var plan = Plan(Limit(4), [first, second], nodesEach: 3);

        Assert.Equal([second.Task.TaskId], plan.Brake.DeferredTasks);
    }

    [Fact]
    public void EventBrake_TaskTooBigForWhatIsLeft_WaitsWhileASmallerOneBehindItFits()
    {
        var (a, b, c) = (Task(), Task(), Task());
        var nodes = new[] { Node(a), Node(a), Node(a), Node(b), Node(b), Node(b), Node(c), Node(c) };

        var plan = PlanFor(Stopped(a, b, c), Limit(5), nodes: nodes);

        Assert.Equal([b.Task.TaskId], plan.Brake.DeferredTasks);
        Assert.Equal(5, plan.Nodes.Count(n => n.Removes && !plan.Brake.Holds(n)));
    }

    [Fact]
    public void EventBrake_WithinTheLimit_HoldsNothing()
    {
        var tasks = Enumerable.Range(0, 20).Select(_ => Task()).ToArray();

        var plan = Plan(Limit(100), tasks, nodesEach: 5);

        Assert.False(plan.Brake.Tripped);
        Assert.Empty(HeldTasks(plan));
        Assert.Equal(100, plan.Brake.NodeRemovals);
    }

    [Fact]
    public void EventBrake_ActivationsDoNotCountTowardTheLimit()
    {
        var tasks = Enumerable.Range(0, 3).Select(_ => Task()).ToArray();
        var activations = tasks.SelectMany(t => new[] { Activation(t), Activation(t) }).ToList();

        var plan = PlanFor(Stopped(tasks), Limit(3), nodes: [.. tasks.Select(t => Node(t))], activations: activations);

        Assert.Empty(HeldTasks(plan));
        Assert.Equal(6, plan.ActivationsToDelete.Count());
    }

    [Fact]
    public void EventBrake_LimitZero_TripsOnEveryTaskWithANode()
    {
        var (a, b) = (Task(), Task());

        var plan = PlanFor(Stopped(a, b), Limit(0), nodes: [Node(a), Node(b)]);

        Assert.True(plan.Brake.Tripped);
        Assert.Equal(2, plan.Brake.TrippedTasks.Count);
        Assert.All(plan.NodesToDeregister, d => Assert.True(plan.Brake.Holds(d)));
    }

    [Fact]
    public void SweepBrake_OverTheCountLimit_StillHoldsTheWholePlan()
    {
        var options = Limit(1);
        var task = Task();
        var sweep = new SweepTrigger("sweep-1", "test");
        var inventory = new FleetInventory([Node(task), Node(task)], [], EcsSaysStopped([task]), WholeFleet: true);

        var plan = Planner.Create(inventory, sweep, options, Now);

        Assert.True(plan.Brake.Tripped);
        Assert.False(plan.Brake.PerTask);
        Assert.All(plan.NodesToDeregister, d => Assert.True(plan.Brake.Holds(d)));
    }

    private static CleanupOptions Limit(int max) => TestOptions.Default with { Sweep = new SweepSettings { MaxDeletionsPerRun = max } };

    private static CleanupPlan Plan(CleanupOptions options, StoppedTask[] tasks, int nodesEach) => PlanFor(
        Stopped(tasks),
        options,
        nodes: [.. tasks.SelectMany(t => Enumerable.Range(0, nodesEach).Select(_ => Node(t)))],
        activations: [.. tasks.Select(t => Activation(t))]);

    private static List<string> HeldTasks(CleanupPlan plan) =>
        [.. plan.All.Where(plan.Brake.Holds).Select(d => EventBrake.TaskOf(d)!).Distinct().Order()];
}
