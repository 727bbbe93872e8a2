using Cleanup.Domain;
using Cleanup.Inventory;

namespace Cleanup.Aws.Ecs;

/// <summary>
/// The ECS adapter: the only code that asks ECS about tasks. It batches, reads every page, maps wire shapes to our
/// records and translates errors; it decides nothing. Anything it cannot vouch for is an exception, never "missing":
/// for the sweep an unknown task must stay unknown, not dead.
/// </summary>
internal sealed class EcsTaskDirectory(EcsClient ecs, int listPageSize = Limits.ListTasksMaxResults) : ITaskDirectory
{
    private const string MissingReason = "MISSING";
    private const string EniAttachmentType = "ElasticNetworkInterface";
    private const string PrivateIPv4Detail = "privateIPv4Address";

    // Every answer repeats the cluster ARN and a handful of statuses and stop codes: shared, a sweep's 10,000 tasks
    // hold a few strings instead of tens of thousands of equal ones for the rest of the run.
    private readonly StringPool _pool = new();

    public Task<TaskLookup> DescribeTasksAsync(string cluster, IReadOnlyCollection<string> taskArns, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(taskArns);
            var found = new List<EcsTask>();
            var missing = new List<string>();
            var refused = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var batch in taskArns.Distinct(StringComparer.Ordinal).Chunk(Limits.DescribeTasksMaxTasks))
            {
                var response = await ecs.DescribeTasksAsync(
                    new DescribeTasksRequest { Cluster = cluster, Tasks = batch },
                    cancellationToken);
                var tasks = response.Tasks.Select(ToTask).ToList();
                found.AddRange(tasks);
                missing.AddRange(MissingOf(batch, tasks, response.Failures));
                foreach (var (arn, reason) in RefusedOf(batch, response.Failures))
                {
                    refused[arn] = reason;
                }
            }

            return new TaskLookup(found, missing) { Refused = refused };
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListTaskArnsAsync(string cluster, string desiredStatus, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(() =>
            AwsCalls.ReadAllPagesAsync(async token =>
            {
                var page = await ecs.ListTasksAsync(
                    new ListTasksRequest { Cluster = cluster, DesiredStatus = desiredStatus, MaxResults = listPageSize, NextToken = token },
                    cancellationToken);
                return ((IEnumerable<string>)page.TaskArns, page.NextToken);
            }), cancellationToken);

    public Task<IReadOnlyList<string>> ListClusterArnsAsync(CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(() =>
            AwsCalls.ReadAllPagesAsync(async token =>
            {
                var page = await ecs.ListClustersAsync(new ListClustersRequest { MaxResults = Math.Min(listPageSize, Limits.ListClustersMaxResults), NextToken = token }, cancellationToken);
                return ((IEnumerable<string>)page.ClusterArns, page.NextToken);
            }), cancellationToken);

    /// <summary>
    /// Requested ARNs ECS explicitly reported as MISSING. A task in neither list (moto, a proxy, a wrong endpoint)
    /// is left out of both: unknown, never dead.
    /// </summary>
    private static IEnumerable<string> MissingOf(string[] requested, List<EcsTask> found, IReadOnlyList<EcsFailureShape> failures)
    {
        // ECS accepts a task id or either ARN format and answers with what it was given or its canonical ARN, so
        // compare by task id.
        var foundIds = found.Select(t => TaskArn.IdOf(t.TaskArn)).ToHashSet(StringComparer.Ordinal);
        var missingIds = failures.Where(f => f.Arn is not null && string.Equals(f.Reason, MissingReason, StringComparison.Ordinal)).Select(f => TaskArn.IdOf(f.Arn!)).ToHashSet(StringComparer.Ordinal);
        return requested.Where(arn => missingIds.Contains(TaskArn.IdOf(arn)) && !foundIds.Contains(TaskArn.IdOf(arn)));
    }

    /// <summary>
    /// Requested ARNs ECS failed for another reason than MISSING: it could not answer for those tasks, which is
    /// neither a death nor a reason to doubt its answer for the others. A failure naming no task cannot be
    /// attributed, so it makes the whole answer unusable.
    /// </summary>
    private static IEnumerable<(string Arn, string Reason)> RefusedOf(string[] requested, IReadOnlyList<EcsFailureShape> failures)
    {
        var other = failures.Where(f => !string.Equals(f.Reason, MissingReason, StringComparison.Ordinal)).ToList();
        if (other.FirstOrDefault(f => f.Arn is null) is { } anonymous)
        {
            throw new RegistryException("DescribeTasksFailure", $"ECS could not describe a task it did not name: {anonymous.Reason} {anonymous.Detail}".TrimEnd());
        }

        var byId = other.GroupBy(f => TaskArn.IdOf(f.Arn!), StringComparer.Ordinal).ToDictionary(g => g.Key, g => $"{g.First().Reason} {g.First().Detail}".TrimEnd(), StringComparer.Ordinal);
        return requested.Where(arn => byId.ContainsKey(TaskArn.IdOf(arn))).Select(arn => (arn, byId[TaskArn.IdOf(arn)]));
    }

    private EcsTask ToTask(EcsTaskShape task) => new(
        TaskArn: task.TaskArn ?? throw new RegistryException("InvalidResponse", "ECS returned a task without taskArn."),
        ClusterArn: _pool.Share(task.ClusterArn) ?? string.Empty,
        LastStatus: _pool.Share(task.LastStatus) ?? throw new RegistryException("InvalidResponse", $"ECS returned task {task.TaskArn} without lastStatus."),
        CreatedAt: task.CreatedAt,
        StartedAt: task.StartedAt,
        StoppedAt: task.StoppedAt,
        StopCode: _pool.Share(task.StopCode),
        PrivateIPv4Addresses: PrivateAddresses(task));

    private static List<string> PrivateAddresses(EcsTaskShape task)
    {
        var fromEni = (task.Attachments ?? [])
            .Where(a => string.Equals(a.Type, EniAttachmentType, StringComparison.Ordinal))
            .SelectMany(a => a.Details ?? [])
            .Where(d => string.Equals(d.Name, PrivateIPv4Detail, StringComparison.Ordinal))
            .Select(d => d.Value);
        var fromContainers = (task.Containers ?? [])
            .SelectMany(c => c.NetworkInterfaces ?? [])
            .Select(n => n.PrivateIpv4Address);
        return fromEni.Concat(fromContainers)
            .Where(ip => !string.IsNullOrEmpty(ip))
            .Select(ip => ip!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
