namespace Cleanup.Emulator.Ecs;

/// <summary>
/// Mutable task state; only touched under <see cref="EcsState.Gate"/>. Future status changes wait in
/// <see cref="Scheduled"/> until the clock reaches them, so a task read later than planned has already moved on.
/// </summary>
internal sealed class TaskRecord
{
    public required long Sequence { get; init; }

    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required ClusterRecord Cluster { get; init; }

    public required TaskDefinitionRecord Definition { get; init; }

    public required string LaunchType { get; init; }

    public required string Group { get; init; }

    public string? StartedBy { get; init; }

    public required string AvailabilityZone { get; init; }

    public EniAttachment? Eni { get; init; }

    public required IReadOnlyList<ContainerRecord> Containers { get; init; }

    /// <summary>Request order; StopTask deletes them (documented: "Any tags associated with the task will be deleted").</summary>
    public List<KeyValuePair<string, string>> Tags { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required string LastStatus { get; set; }

    public string DesiredStatus { get; set; } = TaskLifecycle.Running;

    /// <summary>Incremented with every change that emits an event, as the model documents.</summary>
    public long Version { get; set; } = 1;

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PullStartedAt { get; set; }

    public DateTimeOffset? PullStoppedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? StoppingAt { get; set; }

    public DateTimeOffset? ExecutionStoppedAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    public string? StopCode { get; set; }

    public string? StoppedReason { get; set; }

    public Queue<(DateTimeOffset At, string Status)> Scheduled { get; } = new();

    public bool IsStopRequested => DesiredStatus == TaskLifecycle.Stopped;

    public EmulatedTask Snapshot() => new(
        Arn, Id, Cluster.Arn, Definition.Arn, LaunchType, LastStatus, DesiredStatus, Version, Group, StartedBy,
        CreatedAt, StartedAt, StoppingAt, StoppedAt, StopCode, StoppedReason, Eni?.PrivateIPv4Address,
        Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
}
