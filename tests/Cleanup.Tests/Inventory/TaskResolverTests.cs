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

        public List<int> BatchSizes { get; } = [];

        public Task<TaskLookup> DescribeTasksAsync(string cluster, IReadOnlyCollection<string> taskArns, CancellationToken cancellationToken)
        {
            BatchSizes.Add(taskArns.Count);
            if (FailWith is not null)
            {
                throw new RegistryException(FailWith, "injected");
            }

            if (OnlyCluster is not null && cluster != OnlyCluster)
            {
                throw new RegistryException("ClusterNotFoundException", "Cluster not found.");
            }

            var found = tasks.Where(t => taskArns.Any(a => Id(a) == Id(t.TaskArn))).ToList();
            return Task.FromResult(new TaskLookup(found, [.. taskArns.Where(a => found.All(t => Id(t.TaskArn) != Id(a)))]));
        }

        public Task<IReadOnlyList<string>> ListTaskArnsAsync(string cluster, string desiredStatus, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([.. tasks.Select(t => t.TaskArn)]);

        private static string Id(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
    }

    private static EcsTask Stopped(string arn) =>
        new(arn, Cluster, "STOPPED", "STOPPED", null, null, DateTimeOffset.UnixEpoch, "UserInitiated", [], new Dictionary<string, string>());

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

        // A claim naming the wrong cluster neither borrows the right cluster's answer nor overwrites it.
        Assert.Equal(TaskState.Stopped, evidence[new(Cluster, task)].State);
        Assert.Equal(TaskState.Unknown, evidence[new(other, task)].State);
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
}
