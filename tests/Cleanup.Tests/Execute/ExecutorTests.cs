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
        private readonly Lock _gate = new();
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return _now += TimeSpan.FromMinutes(1);
            }
        }
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

        // Removals run a few at a time, so which two reach the deadline first is not fixed; that two do is.
        Assert.Equal(2, outcomes.Count(o => o.Status == OutcomeStatus.Removed));
        Assert.Equal(2, outcomes.Count(o => o.Status == OutcomeStatus.Deferred));
        Assert.Equal(2, h.Emulator.Calls.Count("DeleteActivation"));
        Assert.All(outcomes.Where(o => o.Status == OutcomeStatus.Deferred), o => Assert.True(h.HasActivation(o.Decision.ResourceId)));
    }

    [Fact]
    public async Task Execute_ManyRemovals_RunsAFewAtATimeAndReportsEachAsItIsApplied()
    {
        var registry = new CountingRegistry();
        var decisions = Enumerable.Range(0, 40)
            .Select(i => new Decision(ResourceKind.Node, $"mi-{i:x17}", PlannedAction.Deregister, Reasons.TaskStopped, null, new Dictionary<string, string>()))
            .ToList();
        var plan = new CleanupPlan(Sweep, decisions, [], BrakeVerdict.Judge(0, 0, true, new()));
        var applied = new List<string>();

        var outcomes = await new Executor(registry, TimeProvider.System).ExecuteAsync(plan, dryRun: false, o => applied.Add(o.Decision.ResourceId), default);

        Assert.All(outcomes, o => Assert.Equal(OutcomeStatus.Removed, o.Status));
        Assert.Equal(decisions.Select(d => d.ResourceId).Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
        Assert.InRange(registry.MostInFlight, 2, Executor.DefaultConcurrency);
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

    /// <summary>A registry that only deregisters, slowly, and remembers how many calls it served at once.</summary>
    private sealed class CountingRegistry : Cleanup.Inventory.IHybridRegistry
    {
        private int _inFlight;
        private int _most;

        public int MostInFlight => _most;

        public async Task<Cleanup.Inventory.DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = _most) < now && Interlocked.CompareExchange(ref _most, now, seen) != seen)
            {
            }

            await Task.Delay(20, cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            return Cleanup.Inventory.DeleteOutcome.Deleted;
        }

        public Task<Cleanup.Inventory.DeleteOutcome> DeleteActivationAsync(string activationId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Cleanup.Inventory.TagOutcome> TagNodeAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Cleanup.Inventory.ManagedNode>> FindNodesByTagsAsync(IReadOnlyList<Cleanup.Inventory.TagFilter> filters, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Cleanup.Inventory.ManagedNode>> FindNodesByTagKeyAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Cleanup.Inventory.ManagedNode>> ListHybridNodesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>?> GetNodeTagsAsync(string instanceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Cleanup.Inventory.HybridActivation>> FindActivationsAsync(Cleanup.Inventory.ActivationQueryKind kind, IReadOnlyCollection<string> values, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<Cleanup.Inventory.HybridActivation>> ListActivationsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
