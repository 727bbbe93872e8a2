using Cleanup.Domain;

namespace Cleanup.Events;

/// <summary>What started a run. Every trigger runs the same pipeline; a trigger only narrows the scope.</summary>
public abstract record Trigger(string Kind, string EventId);

/// <summary>One or more ECS tasks reached STOPPED: only what they owned is in scope.</summary>
public sealed record TaskStoppedTrigger(string EventId, IReadOnlyList<StoppedTask> Tasks)
    : Trigger("TaskStopped", EventId);

/// <summary>A scheduled sweep: the whole owned fleet is in scope, and ECS itself is asked about every task.</summary>
public sealed record SweepTrigger(string EventId, string Source)
    : Trigger("Sweep", EventId);

/// <summary>A task that ECS reported as STOPPED, with what the event said about it.</summary>
public sealed record StoppedTask(
    TaskArn Task,
    ClusterArn Cluster,
    DateTimeOffset? StoppedAt,
    string? StopCode,
    long? Version)
{
    public string InstanceName => Options.OwnershipTags.InstanceName(Cluster.ClusterName, Task.TaskId);

    /// <summary>
    /// For a queued event: the highest SQS ApproximateReceiveCount among the messages that named the task. When the
    /// brake's per-run limit cannot take every task, the most often received go first. 1 for a direct event.
    /// </summary>
    public int ReceiveCount { get; init; } = 1;
}
