using Cleanup.Execute;
using Cleanup.Inventory;
using Cleanup.Plan;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Execute;

/// <summary>The executor's adoption path: tag first, deregister only once tagged, and refuse what does not qualify.</summary>
public class LegacyAdoptionExecutorTests
{
    private const string NodeId = "mi-0123456789abcdef0";
    private const string TaskArn = "arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";
    private const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/shells";
    private const string TaskKey = "ssm-cleanup:task-arn";
    private const string ClusterKey = "ssm-cleanup:cluster-arn";

    private static readonly LegacyAdoption _adopt = new(TaskKey, TaskArn, ClusterKey, ClusterArn);

    private static Decision Legacy(LegacyAdoption? adopt = null, string? taskArn = TaskArn, IReadOnlyDictionary<string, string>? evidence = null, string reason = Reasons.LegacyTaskStopped) =>
        new(ResourceKind.Node, NodeId, PlannedAction.Deregister, reason, taskArn, evidence ?? new Dictionary<string, string> { ["name"] = "fargate-shell" })
        {
            Adopt = adopt ?? _adopt,
        };

    private static Task<IReadOnlyList<ItemOutcome>> RunAsync(RecordingRegistry registry, Decision decision, bool dryRun = false, bool braked = false, DateTimeOffset? deadline = null) =>
        new Executor(registry, TimeProvider.System, deadline).ExecuteAsync(
            new CleanupPlan(Sweep, [decision], [], BrakeVerdict.Judge(1, 1, true, new() { MaxDeletionsPerRun = braked ? 0 : 100 })),
            dryRun,
            applied: null,
            default);

    [Fact]
    public async Task Adopt_TagsWithExactlyTheTwoOwnershipTagsThenDeregisters()
    {
        var registry = new RecordingRegistry();

        var outcome = Assert.Single(await RunAsync(registry, Legacy()));

        Assert.Equal(OutcomeStatus.Removed, outcome.Status);
        Assert.Equal([$"tag {NodeId} {ClusterKey}={ClusterArn},{TaskKey}={TaskArn}", $"deregister {NodeId}"], registry.Calls);
        Assert.Equal("tagged", outcome.Decision.Evidence["legacy.adoption"]);
        Assert.Equal("fargate-shell", outcome.Decision.Evidence["name"]);
    }

    [Fact]
    public async Task Adopt_TaggingFails_NothingIsDeregistered()
    {
        var registry = new RecordingRegistry { TagFailure = new RegistryException("AccessDeniedException", "not authorized to perform ssm:AddTagsToResource") };

        var outcome = Assert.Single(await RunAsync(registry, Legacy()));

        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Equal("AccessDeniedException", outcome.ErrorCode);
        Assert.Equal("tagging-failed", outcome.Decision.Evidence["legacy.adoption"]);
        Assert.DoesNotContain(registry.Calls, c => c.StartsWith("deregister", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adopt_UnexpectedExceptionWhileTagging_NothingIsDeregistered()
    {
        var registry = new RecordingRegistry { TagFailure = new InvalidOperationException("boom") };

        var outcome = Assert.Single(await RunAsync(registry, Legacy()));

        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Equal(nameof(InvalidOperationException), outcome.ErrorCode);
        Assert.DoesNotContain(registry.Calls, c => c.StartsWith("deregister", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adopt_NodeGoneBeforeTagging_IsAlreadyGoneWithoutADeregistration()
    {
        var registry = new RecordingRegistry { TagResult = TagOutcome.NodeGone };

        var outcome = Assert.Single(await RunAsync(registry, Legacy()));

        Assert.Equal(OutcomeStatus.AlreadyGone, outcome.Status);
        Assert.Equal("node-gone", outcome.Decision.Evidence["legacy.adoption"]);
        Assert.Single(registry.Calls);
    }

    [Fact]
    public async Task Adopt_DeregistrationFailsAfterTagging_IsFailedAndSaysTheNodeIsTagged()
    {
        var registry = new RecordingRegistry { DeregisterFailure = new RegistryException("ThrottlingException", "Rate exceeded") };

        var outcome = Assert.Single(await RunAsync(registry, Legacy()));

        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Equal("ThrottlingException", outcome.ErrorCode);
        Assert.Equal("tagged", outcome.Decision.Evidence["legacy.adoption"]);
    }

    public static TheoryData<string, Decision> Unqualified => new()
    {
        { "no task ARN on the decision", Legacy(taskArn: null) },
        { "another task's ARN in the tags", Legacy(_adopt with { TaskArn = TaskArn.Replace("5a7c", "0000", StringComparison.Ordinal) }) },
        { "a task tag that is not a task ARN", Legacy(_adopt with { TaskArn = ClusterArn }, taskArn: ClusterArn) },
        { "a cluster tag that is not a cluster ARN", Legacy(_adopt with { ClusterArn = "shells" }) },
        { "one key twice", Legacy(_adopt with { ClusterArnKey = TaskKey }) },
        { "an empty key", Legacy(_adopt with { ClusterArnKey = string.Empty }) },
        { "node carries the task tag", Legacy(evidence: new Dictionary<string, string> { [$"tag:{TaskKey}"] = TaskArn }) },
        { "node carries the cluster tag", Legacy(evidence: new Dictionary<string, string> { [$"tag:{ClusterKey}"] = ClusterArn }) },
        { "not a legacy decision", Legacy(reason: Reasons.TaskStopped) },
    };

    [Theory]
    [MemberData(nameof(Unqualified))]
    public async Task Adopt_UnqualifiedDecision_IsRefusedAndNothingIsCalled(string why, Decision decision)
    {
        var registry = new RecordingRegistry();

        var outcome = Assert.Single(await RunAsync(registry, decision));

        Assert.True(outcome.Status == OutcomeStatus.Failed, why);
        Assert.Equal("AdoptionRefused", outcome.ErrorCode);
        Assert.Equal("refused", outcome.Decision.Evidence["legacy.adoption"]);
        Assert.Empty(registry.Calls);
    }

    [Theory]
    [InlineData(true, false, OutcomeStatus.WouldRemove)]
    [InlineData(false, true, OutcomeStatus.Braked)]
    public async Task Adopt_DryRunOrBrake_CallsNothingAndSaysItIsPlanned(bool dryRun, bool braked, OutcomeStatus expected)
    {
        var registry = new RecordingRegistry();

        var outcome = Assert.Single(await RunAsync(registry, Legacy(), dryRun, braked));

        Assert.Equal(expected, outcome.Status);
        Assert.Equal("planned", outcome.Decision.Evidence["legacy.adoption"]);
        Assert.Empty(registry.Calls);
    }

    [Fact]
    public async Task Adopt_PastTheDeadline_IsDeferredBeforeTagging()
    {
        var registry = new RecordingRegistry();

        var outcome = Assert.Single(await RunAsync(registry, Legacy(), deadline: DateTimeOffset.UnixEpoch));

        Assert.Equal(OutcomeStatus.Deferred, outcome.Status);
        Assert.Empty(registry.Calls);
    }

    [Fact]
    public async Task OwnedNode_IsDeregisteredWithoutTagging()
    {
        var registry = new RecordingRegistry();
        var owned = new Decision(ResourceKind.Node, NodeId, PlannedAction.Deregister, Reasons.TaskStopped, TaskArn, new Dictionary<string, string>());

        var outcome = Assert.Single(await RunAsync(registry, owned));

        Assert.Equal(OutcomeStatus.Removed, outcome.Status);
        Assert.Equal([$"deregister {NodeId}"], registry.Calls);
        Assert.False(outcome.Decision.Evidence.ContainsKey("legacy.adoption"));
    }

    /// <summary>A registry that records the writes it is asked for, in order, and fails them on request.</summary>
    private sealed class RecordingRegistry : IHybridRegistry
    {
        private readonly Lock _gate = new();

        public List<string> Calls { get; } = [];

        public Exception? TagFailure { get; init; }

        public TagOutcome TagResult { get; init; } = TagOutcome.Tagged;

        public Exception? DeregisterFailure { get; init; }

        public Task<TagOutcome> TagNodeAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
        {
            Record($"tag {instanceId} {string.Join(',', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}");
            return TagFailure is { } failure ? Task.FromException<TagOutcome>(failure) : Task.FromResult(TagResult);
        }

        public Task<DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken)
        {
            Record($"deregister {instanceId}");
            return DeregisterFailure is { } failure ? Task.FromException<DeleteOutcome>(failure) : Task.FromResult(DeleteOutcome.Deleted);
        }

        public Task<DeleteOutcome> DeleteActivationAsync(string activationId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ManagedNode>> FindNodesByTagsAsync(IReadOnlyList<TagFilter> filters, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ManagedNode>> FindNodesByTagKeyAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ManagedNode>> ListHybridNodesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>?> GetNodeTagsAsync(string instanceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<HybridActivation>> FindActivationsAsync(ActivationQueryKind kind, IReadOnlyCollection<string> values, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<HybridActivation>> ListActivationsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        private void Record(string call)
        {
            lock (_gate)
            {
                Calls.Add(call);
            }
        }
    }
}
