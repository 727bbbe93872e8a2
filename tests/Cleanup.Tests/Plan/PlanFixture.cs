using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Plan;

/// <summary>Builds inventories and triggers for planner tests in the shapes the adapter produces.</summary>
internal static class PlanFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static int _counter;

    public static StoppedTask Task(string cluster = "shells", DateTimeOffset? stoppedAt = null, bool oldFormat = false)
    {
        var id = Interlocked.Increment(ref _counter).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        var arn = oldFormat
            ? $"arn:aws:ecs:us-east-1:123456789012:task/{id}"
            : $"arn:aws:ecs:us-east-1:123456789012:task/{cluster}/{id}";
        return new StoppedTask(
            TaskArn.TryParse(arn)!,
            ClusterArn.TryParse($"arn:aws:ecs:us-east-1:123456789012:cluster/{cluster}")!,
            stoppedAt ?? Now.AddMinutes(-2),
            "EssentialContainerExited",
            6);
    }

    public static TaskStoppedTrigger Stopped(params StoppedTask[] tasks) => new("event-1", tasks);

    public static Dictionary<string, string> OwnedTags(StoppedTask task, string prefix = CleanupOptions.DefaultTagPrefix) => new()
    {
        [$"{prefix}:task-arn"] = task.Task.Value,
        [$"{prefix}:cluster-arn"] = task.Cluster.Value,
    };

    public static ManagedNode Node(StoppedTask task, string? activationId = null) =>
        Node(OwnedTags(task), task.InstanceName, activationId);

    public static ManagedNode Node(IReadOnlyDictionary<string, string> tags, string? name, string? activationId = null, DateTimeOffset? lastPing = null) => new(
        $"mi-{Interlocked.Increment(ref _counter):x17}",
        name,
        ManagedNode.HybridResourceType,
        "Online",
        lastPing ?? Now.AddMinutes(-4),
        Now.AddHours(-1),
        activationId ?? Guid.NewGuid().ToString(),
        "10.0.1.25",
        tags);

    public static HybridActivation Activation(StoppedTask task, string? id = null) =>
        Activation(OwnedTags(task), task.InstanceName, id);

    public static HybridActivation Activation(IReadOnlyDictionary<string, string> tags, string? name, string? id = null) => new(
        id ?? Guid.NewGuid().ToString(),
        name,
        "SSMServiceRole",
        1,
        1,
        Now.AddHours(1),
        false,
        Now.AddHours(-1),
        tags);

    /// <summary>A plan for an event whose tasks ECS confirmed STOPPED at the event's stoppedAt.</summary>
    public static Cleanup.Plan.CleanupPlan PlanFor(TaskStoppedTrigger trigger, CleanupOptions? options = null, IReadOnlyList<ManagedNode>? nodes = null, IReadOnlyList<HybridActivation>? activations = null) =>
        Cleanup.Plan.Planner.Create(new FleetInventory(nodes ?? [], activations ?? [], EcsSaysStopped(trigger.Tasks)), trigger, options ?? TestOptions.Default, Now);

    public static Dictionary<TaskKey, TaskEvidence> EcsSaysStopped(IEnumerable<StoppedTask> tasks)
    {
        var evidence = new Dictionary<TaskKey, TaskEvidence>();
        foreach (var task in tasks)
        {
            evidence[new(task.Cluster.Value, task.Task.Value)] = new TaskEvidence(task.Task.Value, TaskState.Stopped, TaskEvidence.FromDescribeTasks, task.Cluster.Value, "STOPPED", StoppedAt: task.StoppedAt, StopCode: task.StopCode);
        }

        return evidence;
    }

    public static Dictionary<TaskKey, TaskEvidence> NoTasks => [];
}
