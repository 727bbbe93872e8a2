namespace Cleanup.Inventory;

/// <summary>
/// The port to ECS: what ECS itself says about tasks. The sweep only believes a task is dead when ECS says so
/// (STOPPED, or no longer known). Implementations read every page and throw <see cref="RegistryException"/> on
/// failures after retries, with the service's error code; what a code means is decided by the callers.
/// </summary>
public interface ITaskDirectory
{
    /// <summary>Describes up to 100 tasks of one cluster. Tasks ECS explicitly reports MISSING are in Missing; a task in neither list is unknown.</summary>
    Task<TaskLookup> DescribeTasksAsync(string cluster, IReadOnlyCollection<string> taskArns, CancellationToken cancellationToken);

    /// <summary>Every task ARN of a cluster with the given desired status (RUNNING or STOPPED), all pages.</summary>
    Task<IReadOnlyList<string>> ListTaskArnsAsync(string cluster, string desiredStatus, CancellationToken cancellationToken);

    /// <summary>Every cluster ARN of the account in the region, all pages (legacy matching must see every cluster's tasks).</summary>
    Task<IReadOnlyList<string>> ListClusterArnsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// DescribeTasks' answer: tasks found, requested ARNs ECS explicitly reported MISSING, and requested ARNs it failed for
/// another reason (e.g. ACCESS_DENIED), with that reason: unknown, about those tasks alone.
/// </summary>
public sealed record TaskLookup(IReadOnlyList<EcsTask> Found, IReadOnlyList<string> Missing)
{
    public IReadOnlyDictionary<string, string> Refused { get; init; } = new Dictionary<string, string>();
}

/// <summary>An ECS task as DescribeTasks reports it, reduced to what the planner needs as evidence.</summary>
public sealed record EcsTask(
    string TaskArn,
    string ClusterArn,
    string LastStatus,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    string? StopCode,
    IReadOnlyList<string> PrivateIPv4Addresses);
