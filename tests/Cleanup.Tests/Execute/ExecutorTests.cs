using Cleanup.Aws;
using Cleanup.Cli.Demo;
using Cleanup.Execute;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Execute;

public class ExecutorTests
{
    /// <summary>A clock that moves a minute every time it is read, so a deadline arrives mid-run.</summary>
    private sealed class TickingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now += TimeSpan.FromMinutes(1);
    }

    [Fact]
    public async Task Execute_PastTheDeadline_DefersTheRestAndCallsNothingForThem()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var tasks = new List<FleetTask>();
        for (var i = 0; i < 4; i++)
        {
            tasks.Add(await h.Fleet.LaunchAsync("shells", $"10.0.1.{i + 1}", register: false));
        }

        var decisions = tasks.Select(t => new Decision(ResourceKind.Activation, t.ActivationId, PlannedAction.Delete, Reasons.TaskStopped, t.TaskArn, new Dictionary<string, string>())).ToList();
        var plan = new CleanupPlan(Sweep, [], decisions, BrakeVerdict.Judge(0, 0, true, new()));
        var clock = new TickingClock(EmulatorHarness.Start);

        var outcomes = await new Executor(new SsmRegistry(h.Ssm), clock, EmulatorHarness.Start.AddMinutes(2.5)).ExecuteAsync(plan, dryRun: false, applied: null, default);

        Assert.Equal([OutcomeStatus.Removed, OutcomeStatus.Removed, OutcomeStatus.Deferred, OutcomeStatus.Deferred], outcomes.Select(o => o.Status));
        Assert.Equal(2, h.Emulator.Calls.Count("DeleteActivation"));
        Assert.True(h.HasActivation(tasks[3].ActivationId));
    }

    [Fact]
    public async Task Execute_BrakeTripped_CallsNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.1");
        var decision = new Decision(ResourceKind.Node, task.InstanceId!, PlannedAction.Deregister, Reasons.TaskStopped, task.TaskArn, new Dictionary<string, string>());
        var plan = new CleanupPlan(Sweep, [decision], [], BrakeVerdict.Judge(1, 1, true, new() { MaxDeletionsPerRun = 0 }));

        var outcome = Assert.Single(await new Executor(new SsmRegistry(h.Ssm), h.Clock).ExecuteAsync(plan, dryRun: false, applied: null, default));

        Assert.Equal(OutcomeStatus.Braked, outcome.Status);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(task.InstanceId));
    }
}
