namespace Cleanup.Inventory;

public enum TaskState
{
    /// <summary>ECS reports the task in any state before STOPPED: its nodes are alive, whatever SSM says.</summary>
    Alive,

    /// <summary>ECS (or its event) reports the task STOPPED.</summary>
    Stopped,

    /// <summary>ECS no longer knows the task: it stopped long enough ago to be forgotten.</summary>
    Missing,

    /// <summary>ECS could not be asked or gave no usable answer: never a reason to delete.</summary>
    Unknown,
}

/// <summary>What is known about one task, and where it came from (the event, or DescribeTasks).</summary>
public sealed record TaskEvidence(
    string TaskArn,
    TaskState State,
    string Source,
    string? ClusterArn = null,
    string? LastStatus = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? StoppedAt = null,
    string? StopCode = null,
    string? Error = null)
{
    /// <summary>The ARN ECS answered with (its canonical form), when it answered for the task.</summary>
    public string? ReportedArn { get; init; }

    public bool IsDead => State is TaskState.Stopped or TaskState.Missing;

    /// <summary>ECS could not be asked at all (an error, throttling past retries, access denied), as opposed to an answer that left the task out.</summary>
    public bool CallFailed { get; init; }

    /// <summary>The cluster ECS was asked in, and the ARN as it was asked for.</summary>
    public TaskKey Key => new(ClusterArn ?? string.Empty, TaskArn);

    public const string FromEvent = "event";
    public const string FromDescribeTasks = "ecs:DescribeTasks";

    public static TaskEvidence From(EcsTask task) => new(
        task.TaskArn,
        task.LastStatus == "STOPPED" ? TaskState.Stopped : TaskState.Alive,
        FromDescribeTasks,
        task.ClusterArn,
        task.LastStatus,
        task.StartedAt ?? task.CreatedAt,
        task.StoppedAt,
        task.StopCode)
    {
        ReportedArn = task.TaskArn,
    };
}
