using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The rules for one owned hybrid node, given what is known about its task. Deregistration needs positive evidence
/// of death; every doubt (alive, unknown, young, still pinging) keeps the node.
/// </summary>
internal static class NodeRules
{
    /// <summary>
    /// A ping later than this after the task's stoppedAt means something alive still speaks for the node
    /// (the allowance absorbs clock differences between ECS and SSM).
    /// </summary>
    public static readonly TimeSpan PingAfterStopAllowance = TimeSpan.FromMinutes(1);

    /// <param name="eventHint">
    /// The run was started by a stopped-task event: a node registered before ECS's stoppedAt and silent since is
    /// removed whatever its age, so crash-looping tasks stop leaving nodes behind until the next sweep.
    /// </param>
    public static (PlannedAction Action, string Reason) Decide(ManagedNode node, TaskEvidence task, SweepSettings settings, DateTimeOffset now, bool eventHint = false)
    {
        switch (task.State)
        {
            case TaskState.Alive:
                return Keep(Reasons.TaskAlive);
            case TaskState.Unknown:
                return Keep(task.Denied ? Reasons.EcsAccessDenied : Reasons.TaskStatusUnknown);
            case TaskState.Stopped:
                if (PingedAfter(node, task.StoppedAt))
                {
                    return Keep(Reasons.PingedAfterStop);
                }

                // Registered after the task stopped: whatever registered it is not the task ECS reports dead.
                if (node.RegistrationDate > task.StoppedAt + PingAfterStopAllowance)
                {
                    return Keep(Reasons.RegisteredAfterStop);
                }

                if (eventHint && task.StoppedAt is not null && node.RegistrationDate is not null)
                {
                    return (PlannedAction.Deregister, Reasons.TaskStopped);
                }

                return IsYoung(node, settings, now) ? Keep(Reasons.RegistrationGrace) : (PlannedAction.Deregister, Reasons.TaskStopped);
            default:
                if (IsYoung(node, settings, now))
                {
                    return Keep(Reasons.RegistrationGrace);
                }

                if (node.PingStatus == "Online")
                {
                    return Keep(Reasons.OnlineButTaskMissing);
                }

                // A node that never pinged is judged from its registration: a missing ping is not an old one.
                var offlineSince = node.LastPingDateTime ?? node.RegistrationDate!.Value;
                return now - offlineSince < settings.OfflineGrace ? Keep(Reasons.OfflineGrace) : (PlannedAction.Deregister, Reasons.TaskMissing);
        }
    }

    public static bool PingedAfter(ManagedNode node, DateTimeOffset? stoppedAt) =>
        stoppedAt is { } stopped && node.LastPingDateTime > stopped + PingAfterStopAllowance;

    /// <summary>Young, or of unknown age: its registration may postdate the evidence.</summary>
    public static bool IsYoung(ManagedNode node, SweepSettings settings, DateTimeOffset now) =>
        node.RegistrationDate is not { } registered || now - registered < settings.RegistrationGrace;

    private static (PlannedAction, string) Keep(string reason) => (PlannedAction.Keep, reason);
}
