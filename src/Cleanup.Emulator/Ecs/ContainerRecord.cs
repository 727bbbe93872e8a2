namespace Cleanup.Emulator.Ecs;

/// <summary>One container of a task; only touched under <see cref="EcsState.Gate"/>.</summary>
internal sealed class ContainerRecord
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public string? Image { get; init; }

    /// <summary>Set when this container exited on its own (see <see cref="EcsState.ExitContainer"/>).</summary>
    public int? ExitCode { get; set; }

    /// <summary>Follows the task (PENDING, RUNNING, STOPPED) unless the container already exited.</summary>
    public string LastStatus(string taskStatus) =>
        ExitCode is not null ? TaskLifecycle.Stopped
        : TaskLifecycle.Rank(taskStatus) < TaskLifecycle.Rank(TaskLifecycle.Running) ? TaskLifecycle.Pending
        : TaskLifecycle.Rank(taskStatus) <= TaskLifecycle.Rank(TaskLifecycle.Stopping) ? TaskLifecycle.Running
        : TaskLifecycle.Stopped;
}
