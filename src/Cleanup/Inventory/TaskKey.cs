namespace Cleanup.Inventory;

/// <summary>
/// What ECS's evidence is about: a task in a cluster. A task ARN alone is not enough: an item tagged with a live
/// task's ARN but another cluster must get that cluster's answer, not borrow the live one (nor poison the dead one).
/// Two keys are the same task when cluster and task id agree, whichever of the two ARN formats (task/CLUSTER/ID or
/// task/ID) names it: an old-format activation and a node named after the same task are one task, asked about once.
/// </summary>
public readonly struct TaskKey(string clusterArn, string taskArn) : IEquatable<TaskKey>
{
    public string ClusterArn { get; } = clusterArn;

    /// <summary>The ARN as it was first seen (the key compares its id only).</summary>
    public string TaskArn { get; } = taskArn;

    public string TaskId => IdSpan(TaskArn).ToString();

    public static bool operator ==(TaskKey left, TaskKey right) => left.Equals(right);

    public static bool operator !=(TaskKey left, TaskKey right) => !left.Equals(right);

    public bool Equals(TaskKey other) =>
        string.Equals(ClusterArn, other.ClusterArn, StringComparison.Ordinal) &&
        IdSpan(TaskArn).SequenceEqual(IdSpan(other.TaskArn));

    public override bool Equals(object? obj) => obj is TaskKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(
        string.GetHashCode(ClusterArn ?? string.Empty, StringComparison.Ordinal),
        string.GetHashCode(IdSpan(TaskArn), StringComparison.Ordinal));

    public override string ToString() => $"{ClusterArn} {TaskArn}";

    // Compared in place: a sweep hashes tens of thousands of keys, and a substring per hash would be garbage each.
    private static ReadOnlySpan<char> IdSpan(string? arn) =>
        arn is null ? [] : arn.AsSpan(arn.LastIndexOf('/') + 1);
}
