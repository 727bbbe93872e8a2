using System.Globalization;
using System.Security.Cryptography;
using Cleanup.Emulator.Ecs;

namespace Cleanup.Emulator;

/// <summary>
/// Everything the ECS emulator knows: clusters, task definitions, tasks and the task state change events it
/// emitted. One lock guards it all. Time only matters when someone looks: every read (HTTP or public member) first
/// plays the scheduled status changes up to the clock's now, then forgets STOPPED tasks older than
/// <see cref="EmulatorOptions.StoppedTaskRetention"/>, so tests drive the lifecycle by advancing a
/// <see cref="ManualClock"/>.
/// </summary>
public sealed class EcsState
{
    private readonly List<string> _events = [];
    private long _sequence;
    private int _addresses;

    internal EcsState(EmulatorOptions options)
    {
        Options = options;
        Arns = new EcsArns(options);
    }

    internal Lock Gate { get; } = new();

    internal EmulatorOptions Options { get; }

    internal EcsArns Arns { get; }

    internal Dictionary<string, ClusterRecord> ClusterRecords { get; } = new(StringComparer.Ordinal);

    /// <summary>Revisions per family, index = revision - 1.</summary>
    internal Dictionary<string, List<TaskDefinitionRecord>> Families { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, TaskRecord> TaskRecords { get; } = new(StringComparer.Ordinal);

    /// <summary>Tasks still visible (running, stopping, or stopped within the retention), in RunTask order.</summary>
    public IReadOnlyList<EmulatedTask> Tasks()
    {
        lock (Gate)
        {
            Sync();
            return [.. TaskRecords.Values.OrderBy(t => t.Sequence).Select(t => t.Snapshot())];
        }
    }

    /// <summary>
    /// The EventBridge "ECS Task State Change" events ECS would have emitted so far, as JSON, in emission order
    /// (timestamps and <c>detail.version</c> ascending per task).
    /// </summary>
    public IReadOnlyList<string> Events()
    {
        lock (Gate)
        {
            Sync();
            return [.. _events];
        }
    }

    /// <summary>Creates the cluster unless it exists (like CreateCluster) and returns its ARN.</summary>
    public string CreateCluster(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (Gate)
        {
            return EnsureCluster(name, []).Arn;
        }
    }

    /// <summary>Starts one task as RunTask would (it begins in PROVISIONING, or PENDING without an ENI).</summary>
    public EmulatedTask RunTask(NewTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.LaunchType is not (EcsModel.Fargate or EcsModel.Ec2))
        {
            throw new ArgumentException("LaunchType must be FARGATE or EC2.", nameof(task));
        }

        lock (Gate)
        {
            Sync();
            var cluster = EnsureCluster(task.Cluster, []);
            var fargate = task.LaunchType == EcsModel.Fargate;
            var definition = Families.TryGetValue(task.Family, out var revisions)
                    && revisions[^1].UsesAwsVpc == fargate
                ? revisions[^1]
                : RegisterTaskDefinition(task.Family, fargate ? EcsModel.AwsVpc : null, fargate ? [EcsModel.Fargate] : [EcsModel.Ec2], [("app", "public.ecr.aws/docker/library/busybox:latest")], fargate ? "256" : null, fargate ? "512" : null);
            if (task.TaskId is { } wanted && TaskRecords.ContainsKey(wanted))
            {
                throw new ArgumentException($"a task with id {wanted} exists already", nameof(task));
            }

            return Start(cluster, definition, task.LaunchType, task.Group, task.StartedBy, task.Subnet, [.. task.Tags ?? new Dictionary<string, string>()], task.TaskId, task.PrivateIp).Snapshot();
        }
    }

    /// <summary>
    /// Asks ECS to stop a task, as StopTask does (<paramref name="stopCode"/> UserInitiated) or as ECS itself does
    /// (e.g. ServiceSchedulerInitiated, SpotInterruption). No effect on a task already stopping.
    /// </summary>
    public EmulatedTask StopTask(string taskArn, string stopCode = "UserInitiated", string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(taskArn);
        if (!EcsModel.StopCodes.Contains(stopCode))
        {
            throw new ArgumentException($"stopCode must be one of {string.Join(", ", EcsModel.StopCodes)}.", nameof(stopCode));
        }

        lock (Gate)
        {
            Sync();
            var task = FindByArn(taskArn);
            RequestStop(task, stopCode, reason ?? DefaultReason(stopCode));
            return task.Snapshot();
        }
    }

    /// <summary>
    /// The task's essential (first) container exits with <paramref name="exitCode"/>: ECS stops the task with stop
    /// code EssentialContainerExited. The task must be RUNNING.
    /// </summary>
    public EmulatedTask ExitContainer(string taskArn, int exitCode = 0)
    {
        ArgumentNullException.ThrowIfNull(taskArn);
        lock (Gate)
        {
            Sync();
            var task = FindByArn(taskArn);
            if (task.LastStatus != TaskLifecycle.Running || task.IsStopRequested)
            {
                throw new InvalidOperationException($"Task {taskArn} is {task.LastStatus} (desired {task.DesiredStatus}), not running.");
            }

            task.Containers[0].ExitCode = exitCode;
            RequestStop(task, "EssentialContainerExited", "Essential container in task exited");
            return task.Snapshot();
        }
    }

    /// <summary>Forgets STOPPED tasks stopped at least <paramref name="age"/> ago (they become MISSING); returns how many.</summary>
    public int ForgetStoppedTasksOlderThan(TimeSpan age)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(age, TimeSpan.Zero);
        lock (Gate)
        {
            Sync();
            return Forget(Options.Clock.GetUtcNow() - age);
        }
    }

    /// <summary>Plays due status changes (in time order across tasks) and ages out old STOPPED tasks; callers hold <see cref="Gate"/>.</summary>
    internal void Sync()
    {
        var now = Options.Clock.GetUtcNow();
        while (true)
        {
            var next = TaskRecords.Values
                .Where(t => t.Scheduled.Count > 0 && t.Scheduled.Peek().At <= now)
                .OrderBy(t => t.Scheduled.Peek().At)
                .ThenBy(t => t.Sequence)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            var (at, status) = next.Scheduled.Dequeue();
            Transition(next, status, at);
        }

        Forget(now - Options.StoppedTaskRetention);
    }

    internal ClusterRecord ResolveCluster(string? nameOrArn)
    {
        var name = Arns.ClusterName(nameOrArn ?? EcsModel.DefaultCluster);
        return name is not null && ClusterRecords.TryGetValue(name, out var cluster) ? cluster : throw EcsErrors.ClusterNotFound();
    }

    /// <summary>A task of <paramref name="cluster"/> by id or ARN (either format); null when unknown or aged out.</summary>
    internal TaskRecord? FindTask(ClusterRecord cluster, string idOrArn)
    {
        var reference = Arns.TaskReference(idOrArn);
        if (reference is not { } r || (r.ClusterName is not null && r.ClusterName != cluster.Name))
        {
            return null;
        }

        return TaskRecords.TryGetValue(r.Id, out var task) && task.Cluster == cluster ? task : null;
    }

    internal ClusterRecord EnsureCluster(string name, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (!ClusterRecords.TryGetValue(name, out var cluster))
        {
            cluster = new ClusterRecord { Sequence = ++_sequence, Name = name, Arn = Arns.Cluster(name), Tags = tags };
            ClusterRecords.Add(name, cluster);
        }

        return cluster;
    }

    internal TaskDefinitionRecord RegisterTaskDefinition(
        string family, string? networkMode, IReadOnlyList<string> requiresCompatibilities, IReadOnlyList<(string Name, string? Image)> containers, string? cpu, string? memory)
    {
        if (!Families.TryGetValue(family, out var revisions))
        {
            revisions = [];
            Families.Add(family, revisions);
        }

        var definition = new TaskDefinitionRecord
        {
            Arn = Arns.TaskDefinition(family, revisions.Count + 1),
            Family = family,
            Revision = revisions.Count + 1,
            NetworkMode = networkMode,
            RequiresCompatibilities = requiresCompatibilities,
            Containers = containers,
            Cpu = cpu,
            Memory = memory,
            RegisteredAt = Options.Clock.GetUtcNow(),
        };
        revisions.Add(definition);
        return definition;
    }

    /// <summary>Creates a task in its first status, schedules the rest of its start, and emits the first event.</summary>
    internal TaskRecord Start(
        ClusterRecord cluster, TaskDefinitionRecord definition, string launchType, string? group, string? startedBy, string? subnet, List<KeyValuePair<string, string>> tags, string? taskId = null, string? privateIp = null)
    {
        var now = Options.Clock.GetUtcNow();
        var id = taskId ?? string.Empty;
        while (id.Length == 0 || (taskId is null && TaskRecords.ContainsKey(id)))
        {
            id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        }

        var eni = definition.UsesAwsVpc ? NewEni(subnet ?? "subnet-0a1b2c3d4e5f60718", privateIp) : null;
        var steps = TaskLifecycle.StartSteps(eni is not null);
        var task = new TaskRecord
        {
            Sequence = ++_sequence,
            Id = id,
            Arn = Arns.Task(cluster.Name, id),
            Cluster = cluster,
            Definition = definition,
            LaunchType = launchType,
            Group = group ?? $"family:{definition.Family}",
            StartedBy = startedBy,
            AvailabilityZone = Options.Region + "a",
            Eni = eni,
            Containers = [.. definition.Containers.Select(c => new ContainerRecord
            {
                Arn = Arns.Container(cluster.Name, id, Guid.NewGuid().ToString()),
                Name = c.Name,
                Image = c.Image,
            })],
            Tags = tags,
            CreatedAt = now,
            LastStatus = steps[0].Status,
            UpdatedAt = now,
        };
        TaskRecords.Add(id, task);
        foreach (var (after, status) in steps.Skip(1))
        {
            task.Scheduled.Enqueue((now + after, status));
        }

        if (task.LastStatus == TaskLifecycle.Pending)
        {
            task.PullStartedAt = now;
        }

        Emit(task, now);
        return task;
    }

    /// <summary>Sets desiredStatus STOPPED (an event of its own) and schedules the way down; idempotent.</summary>
    internal void RequestStop(TaskRecord task, string stopCode, string reason)
    {
        if (task.IsStopRequested)
        {
            return;
        }

        var now = Options.Clock.GetUtcNow();
        task.Scheduled.Clear();
        task.DesiredStatus = TaskLifecycle.Stopped;
        task.StopCode = stopCode;
        task.StoppedReason = reason;
        task.StoppingAt = now;
        if (stopCode == "UserInitiated")
        {
            // Documented for StopTask: "Any tags associated with the task will be deleted."
            task.Tags.Clear();
        }

        task.Version++;
        task.UpdatedAt = now;
        Emit(task, now);
        foreach (var (after, status) in TaskLifecycle.StopSteps(task.Eni is not null))
        {
            task.Scheduled.Enqueue((now + after, status));
        }
    }

    internal static string DefaultReason(string stopCode) => stopCode switch
    {
        // Inferred wording: the console shows this reason for a StopTask call without one.
        "UserInitiated" => "Task stopped by user",
        "EssentialContainerExited" => "Essential container in task exited",
        "ServiceSchedulerInitiated" => "Scaling activity initiated by deployment",
        "SpotInterruption" => "Your Spot Task was interrupted.",
        "TerminationNotice" => "Task stopped due to termination notice",
        _ => "Task failed to start",
    };

    private void Transition(TaskRecord task, string status, DateTimeOffset at)
    {
        var previous = task.LastStatus;
        task.LastStatus = status;
        task.Version++;
        task.UpdatedAt = at;
        switch (status)
        {
            case TaskLifecycle.Pending:
                task.PullStartedAt = at;
                break;
            case TaskLifecycle.Activating:
            case TaskLifecycle.Running when task.PullStoppedAt is null:
                task.PullStoppedAt = at;
                break;
        }

        if (status == TaskLifecycle.Running)
        {
            task.StartedAt = at;
        }

        // Containers have stopped once the task leaves STOPPING.
        if (previous == TaskLifecycle.Stopping)
        {
            task.ExecutionStoppedAt = at;
        }

        if (status == TaskLifecycle.Stopped)
        {
            task.StoppedAt = at;
        }

        Emit(task, at);
    }

    private void Emit(TaskRecord task, DateTimeOffset at) =>
        _events.Add(TaskStateChangeEvent.Render(task, at, Options.Region, Options.AccountId));

    private int Forget(DateTimeOffset stoppedNoLaterThan)
    {
        var old = TaskRecords.Values.Where(t => t.StoppedAt is { } stopped && stopped <= stoppedNoLaterThan).Select(t => t.Id).ToList();
        foreach (var id in old)
        {
            TaskRecords.Remove(id);
        }

        return old.Count;
    }

    private TaskRecord FindByArn(string taskArn) =>
        TaskRecords.Values.FirstOrDefault(t => t.Arn == taskArn)
        ?? throw new ArgumentException($"No visible task {taskArn}.", nameof(taskArn));

    private EniAttachment NewEni(string subnet, string? privateIp)
    {
        var n = _addresses++;
        var ip = privateIp ?? string.Create(CultureInfo.InvariantCulture, $"10.0.{1 + (n / 250)}.{4 + (n % 250)}");
        var mac = "0e:" + string.Join(':', Enumerable.Range(0, 5).Select(_ => RandomNumberGenerator.GetHexString(2, lowercase: true)));
        return new EniAttachment(Guid.NewGuid().ToString(), "eni-" + RandomNumberGenerator.GetHexString(17, lowercase: true), subnet, mac, ip);
    }
}
