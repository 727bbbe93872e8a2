using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;

namespace Cleanup.Tests.Plan;

/// <summary>Whole-fleet inventories with ECS evidence, as the sweep reads them.</summary>
internal static class SweepFixture
{
    public static readonly SweepTrigger Sweep = new("sweep-1", "aws.events/Scheduled Event");

    public static TaskEvidence Evidence(StoppedTask task, TaskState state, DateTimeOffset? stoppedAt = null) => new(
        task.Task.Value,
        state,
        TaskEvidence.FromDescribeTasks,
        task.Cluster.Value,
        state switch { TaskState.Alive => "RUNNING", TaskState.Stopped => "STOPPED", _ => null },
        StoppedAt: state == TaskState.Stopped ? stoppedAt ?? Now.AddMinutes(-30) : null,
        Error: state == TaskState.Unknown ? "ServerException: boom" : null);

    public static CleanupPlan PlanSweep(
        IReadOnlyList<ManagedNode> nodes,
        IReadOnlyList<HybridActivation> activations,
        IEnumerable<TaskEvidence> tasks,
        Cleanup.Options.CleanupOptions? options = null,
        IReadOnlyList<EcsTask>? legacy = null) =>
        Planner.Create(
            new FleetInventory(nodes, activations, EvidenceIndex.Of(tasks), WholeFleet: true) { LegacyCandidates = legacy ?? [] },
            Sweep,
            options ?? TestOptions.Default,
            Now);

    /// <summary>A node that registered an hour ago and last pinged <paramref name="pingedAgo"/> ago (null: never).</summary>
    public static ManagedNode OldNode(StoppedTask task, TimeSpan? pingedAgo, string? activationId = null) =>
        Node(task, activationId) with
        {
            RegistrationDate = Now.AddHours(-3),
            LastPingDateTime = pingedAgo is { } ago ? Now - ago : null,
            PingStatus = pingedAgo is { } a && a < TimeSpan.FromMinutes(10) ? "Online" : "ConnectionLost",
        };
}
