using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The lifecycle of an owned activation. Deleting an activation never deregisters a node; it only stops future
/// registrations, so an activation is removed once its task is dead or it can no longer serve anyone.
/// </summary>
internal static class ActivationRules
{
    public static (PlannedAction Action, string Reason) Decide(
        HybridActivation activation,
        TaskEvidence task,
        bool hasNode,
        bool wholeFleet,
        SweepSettings settings,
        DateTimeOffset now)
    {
        if (task.State == TaskState.Stopped)
        {
            return (PlannedAction.Delete, Reasons.TaskStopped);
        }

        if (task.State == TaskState.Missing)
        {
            return (PlannedAction.Delete, Reasons.TaskMissing);
        }

        if (activation.Expired || activation.ExpirationDate <= now)
        {
            return (PlannedAction.Delete, Reasons.ActivationExpired);
        }

        if (activation.RegistrationsCount == 0 && activation.CreatedDate is { } created && now - created >= settings.UnusedActivationGrace)
        {
            return (PlannedAction.Delete, Reasons.ActivationUnused);
        }

        // Only a whole-fleet inventory can prove that no node of the activation remains.
        if (wholeFleet && !hasNode && activation.RegistrationLimit > 0 && activation.RegistrationsCount >= activation.RegistrationLimit)
        {
            return (PlannedAction.Delete, Reasons.ActivationExhausted);
        }

        return (PlannedAction.Keep, task.State switch
        {
            TaskState.Unknown when task.Denied => Reasons.EcsAccessDenied,
            TaskState.Unknown => Reasons.TaskStatusUnknown,
            _ => Reasons.ActivationInUse,
        });
    }
}
