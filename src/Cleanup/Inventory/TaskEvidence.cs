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

/// <summary>What is known about one task, and where it came from (DescribeTasks).</summary>
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

    /// <summary>
    /// ECS could not be asked at all (an outage: throttling past retries, a server error, the network), as opposed to an
    /// answer that left the task out. A sweep with such evidence fails: it could not see the fleet.
    /// </summary>
    public bool CallFailed { get; init; }

    /// <summary>
    /// ECS denied access to this task's cluster (AccessDenied): unknown, so kept, but about this cluster only, so the
    /// rest of the fleet goes on and the run does not fail for it (a metric and its alarm say it persists).
    /// </summary>
    public bool Denied { get; init; }

    /// <summary>ECS rejected a request naming this one task (e.g. InvalidParameterException): unknown, kept, and about it alone.</summary>
    public bool Rejected { get; init; }

    /// <summary>The AWS error code of the failed or refused call this evidence comes from, if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>ECS said the task's cluster does not exist (ClusterNotFoundException): the explicit evidence that its tasks are gone.</summary>
    public bool ClusterGone { get; init; }

    /// <summary>The cluster ECS was asked in, and the ARN as it was asked for.</summary>
    public TaskKey Key => new(ClusterArn ?? string.Empty, TaskArn);

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
