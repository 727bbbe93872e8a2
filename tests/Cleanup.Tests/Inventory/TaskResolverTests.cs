using Cleanup.Inventory;

namespace Cleanup.Tests.Inventory;

public class TaskResolverTests
{
    private const string Cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/legacy";

    /// <summary>A hand-written ECS directory: knows some tasks by id, answers in the long ARN format, can fail.</summary>
    private sealed class FakeDirectory(params EcsTask[] tasks) : ITaskDirectory
    {
        public string? FailWith { get; init; }

        /// <summary>When set, any other cluster is unknown to ECS, as ClusterNotFoundException says.</summary>
        public string? OnlyCluster { get; init; }

        /// <summary>When set, this cluster is denied (as an IAM policy scoped by ecs:cluster would).</summary>
        public string? DeniedCluster { get; init; }

        /// <summary>When set, a request naming this ARN is refused whole, as ECS refuses an identifier it does not accept.</summary>
        public string? Poison { get; init; }

        /// <summary>When set, ECS lists this task among the failures with a reason other than MISSING.</summary>
        public string? RefusedTask { get; init; }

        public List<int> BatchSizes { get; } = [];

        public Task<TaskLookup> DescribeTasksAsync(string cluster, IReadOnlyCollection<string> taskArns, CancellationToken cancellationToken)
        {
            BatchSizes.Add(taskArns.Count);
            if (FailWith is not null)
            {
                throw new RegistryException(FailWith, "injected");
            }

            if (cluster == DeniedCluster)
            {
                throw new RegistryException("AccessDeniedException", $"not authorized to perform: ecs:DescribeTasks on resource: {cluster}");
            }

            if (Poison is not null && taskArns.Contains(Poison))
            {
                throw new RegistryException("InvalidParameterException", "Invalid identifier: Unexpected number of separators");
            }

            if (OnlyCluster is not null && cluster != OnlyCluster)
            {
                throw new RegistryException("ClusterNotFoundException", "Cluster not found.");
            }

            var found = tasks.Where(t => t.TaskArn != RefusedTask && taskArns.Any(a => Id(a) == Id(t.TaskArn))).ToList();
            var refused = taskArns.Where(a => a == RefusedTask).ToDictionary(a => a, _ => "ACCESS_DENIED");
            return Task.FromResult(new TaskLookup(found, [.. taskArns.Where(a => found.All(t => Id(t.TaskArn) != Id(a)) && !refused.ContainsKey(a))]) { Refused = refused });
        }

        public Task<IReadOnlyList<string>> ListTaskArnsAsync(string cluster, string desiredStatus, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. tasks.Select(t => t.TaskArn)]);

        public Task<IReadOnlyList<string>> ListClusterArnsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);

        private static string Id(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
    }

    private static EcsTask Stopped(string arn) =>
        new(arn, Cluster, "STOPPED", null, null, DateTimeOffset.UnixEpoch, "UserInitiated", []);

    [Fact]
    public async Task Resolve_TaskTaggedInOldFormatAndReportedInLongFormat_IsKeyedByTheTaggedArn()
    {
        const string oldFormat = "arn:aws:ecs:us-east-1:123456789012:task/1dc5c17a-422b-4dc4-b493-371970c6c4d6";
        var directory = new FakeDirectory(Stopped("arn:aws:ecs:us-east-1:123456789012:task/legacy/1dc5c17a-422b-4dc4-b493-371970c6c4d6"));

        var evidence = await TaskResolver.ResolveAsync(directory, [(Cluster, oldFormat)], default);

        Assert.Equal(TaskState.Stopped, evidence[new(Cluster, oldFormat)].State);
        Assert.Equal(oldFormat, evidence[new(Cluster, oldFormat)].TaskArn);
    }

    [Fact]
    public async Task Resolve_UnknownTask_IsMissing()
    {
        var evidence = await TaskResolver.ResolveAsync(new FakeDirectory(), [(Cluster, "arn:aws:ecs:us-east-1:123456789012:task/legacy/abc")], default);

        Assert.Equal(TaskState.Missing, Assert.Single(evidence).Value.State);
    }

    [Fact]
    public async Task Resolve_SameTaskAskedInTwoClusters_GetsEachClustersOwnAnswer()
    {
        const string task = "arn:aws:ecs:us-east-1:123456789012:task/1dc5c17a-422b-4dc4-b493-371970c6c4d6";
        const string other = "arn:aws:ecs:us-east-1:123456789012:cluster/other";
        var directory = new FakeDirectory(Stopped("arn:aws:ecs:us-east-1:123456789012:task/legacy/1dc5c17a-422b-4dc4-b493-371970c6c4d6")) { OnlyCluster = Cluster };

        var evidence = await TaskResolver.ResolveAsync(directory, [(Cluster, task), (other, task)], default);

        // A claim naming the wrong cluster neither borrows the right cluster's answer nor overwrites it: that cluster
        // does not exist, which is ECS's own word that no task of it runs.
        Assert.Equal(TaskState.Stopped, evidence[new(Cluster, task)].State);
        Assert.Equal(TaskState.Missing, evidence[new(other, task)].State);
        Assert.True(evidence[new(other, task)].ClusterGone);
        Assert.False(evidence[new(Cluster, task)].ClusterGone);
    }

    [Fact]
    public async Task Resolve_EcsFailure_MakesTheWholeBatchUnknown()
    {
        var arns = Enumerable.Range(0, 3).Select(i => (Cluster, $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{i:x32}"));

        var evidence = await TaskResolver.ResolveAsync(new FakeDirectory { FailWith = "ThrottlingException" }, arns, default);

        Assert.All(evidence.Values, e => Assert.Equal(TaskState.Unknown, e.State));
        Assert.All(evidence.Values, e => Assert.StartsWith("ThrottlingException", e.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_ManyTasks_AsksInBatchesOf100()
    {
        var directory = new FakeDirectory();
        var arns = Enumerable.Range(0, 250).Select(i => (Cluster, $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{i:x32}"));

        await TaskResolver.ResolveAsync(directory, arns, default);

        Assert.Equal([100, 100, 50], directory.BatchSizes);
    }

    [Fact]
    public async Task Resolve_ThrottledPastRetries_IsAnOutage()
    {
        var arns = Enumerable.Range(0, 2).Select(i => (Cluster, $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{i:x32}"));

        var evidence = await TaskResolver.ResolveAsync(new FakeDirectory { FailWith = "ThrottlingException" }, arns, default);

        Assert.All(evidence.Values, e => Assert.True(e.CallFailed && !e.Denied && !e.Rejected));
    }

    [Fact]
    public async Task Resolve_OneClusterDenied_OnlyThatClustersTasksAreUnknown()
    {
        const string denied = "arn:aws:ecs:us-east-1:123456789012:cluster/secret";
        const string id = "1dc5c17a422b4dc4b493371970c6c4d6";
        var directory = new FakeDirectory(Stopped($"arn:aws:ecs:us-east-1:123456789012:task/legacy/{id}")) { DeniedCluster = denied };

        var evidence = await TaskResolver.ResolveAsync(directory, [(Cluster, $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{id}"), (denied, $"arn:aws:ecs:us-east-1:123456789012:task/secret/{id}")], default);

        var refused = evidence[new(denied, $"arn:aws:ecs:us-east-1:123456789012:task/secret/{id}")];
        Assert.Equal(TaskState.Unknown, refused.State);
        Assert.True(refused.Denied);
        Assert.False(refused.CallFailed);
        Assert.StartsWith("AccessDeniedException", refused.Error, StringComparison.Ordinal);
        Assert.Equal(TaskState.Stopped, evidence[new(Cluster, $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{id}")].State);
    }

    [Fact]
    public async Task Resolve_OneTaskEcsRefuses_IsIsolatedAndTheOtherTasksAreAnswered()
    {
        var arns = Enumerable.Range(0, 100).Select(i => $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{i:x32}").ToList();
        var directory = new FakeDirectory([.. arns.Select(Stopped)]) { Poison = arns[37] };

        var evidence = await TaskResolver.ResolveAsync(directory, arns.Select(a => (Cluster, a)), default);

        var refused = evidence[new(Cluster, arns[37])];
        Assert.Equal(TaskState.Unknown, refused.State);
        Assert.True(refused.Rejected);
        Assert.False(refused.CallFailed);
        Assert.Equal(99, evidence.Values.Count(e => e.State == TaskState.Stopped));
        // Halving finds it in about 2 x log2(100) calls, not one call per task.
        Assert.InRange(directory.BatchSizes.Count, 2, 16);
    }

    [Fact]
    public async Task Resolve_BothArnFormatsOfOneTask_AreOneTaskAskedOnce()
    {
        const string id = "1dc5c17a422b4dc4b493371970c6c4d6";
        const string longFormat = $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{id}";
        const string oldFormat = $"arn:aws:ecs:us-east-1:123456789012:task/{id}";
        var directory = new FakeDirectory(Stopped(longFormat));

        var evidence = await TaskResolver.ResolveAsync(directory, [(Cluster, oldFormat), (Cluster, longFormat)], default);

        var only = Assert.Single(evidence);
        Assert.Equal(TaskState.Stopped, only.Value.State);
        Assert.Equal([1], directory.BatchSizes);
        Assert.Same(only.Value, evidence[new(Cluster, longFormat)]);
        Assert.Same(only.Value, evidence[new(Cluster, oldFormat)]);
    }

    [Fact]
    public async Task Resolve_FailureReasonOtherThanMissing_IsUnknownForThatTaskAlone()
    {
        var arns = Enumerable.Range(0, 3).Select(i => $"arn:aws:ecs:us-east-1:123456789012:task/legacy/{i:x32}").ToList();
        var directory = new FakeDirectory([.. arns.Select(Stopped)]) { RefusedTask = arns[1] };

        var evidence = await TaskResolver.ResolveAsync(directory, [(Cluster, arns[0]), (Cluster, arns[1]), (Cluster, "arn:aws:ecs:us-east-1:123456789012:task/legacy/ffff")], default);

        Assert.Equal(TaskState.Stopped, evidence[new(Cluster, arns[0])].State);
        Assert.True(evidence[new(Cluster, arns[1])] is { State: TaskState.Unknown, Rejected: true, CallFailed: false });
        Assert.Contains("ACCESS_DENIED", evidence[new(Cluster, arns[1])].Error, StringComparison.Ordinal);
        Assert.Equal(TaskState.Missing, evidence[new(Cluster, "arn:aws:ecs:us-east-1:123456789012:task/legacy/ffff")].State);
    }
}
