using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// Legacy adoption: nodes the original, untagged script registered carry no proof of ownership, only its fixed name.
/// Such a node is matched to a task when its address is the task's ENI address and it registered within the task's
/// lifetime; exactly one match, and that task stopped in an allowed cluster, is the only way to act on it. The
/// candidates come from every cluster of the region, so a live task elsewhere sharing the address makes it ambiguous.
/// </summary>
internal static class LegacyMatcher
{
    public static (PlannedAction Action, string Reason, EcsTask? Task) Decide(
        ManagedNode node,
        IReadOnlyList<EcsTask> tasks,
        PlanContext context)
    {
        var (settings, now) = (context.Options.Sweep, context.Now);
        var matches = tasks.Where(t => Matches(node, t, now)).ToList();
        if (matches.Count == 0)
        {
            return (PlannedAction.Keep, Reasons.NotOwned, null);
        }

        if (matches.Count > 1)
        {
            return (PlannedAction.Keep, Reasons.LegacyAmbiguous, null);
        }

        var task = matches[0];
        if (task.LastStatus != "STOPPED")
        {
            return (PlannedAction.Keep, Reasons.LegacyTaskAlive, task);
        }

        // Matched, but in a cluster this deployment does not own: not ours to adopt.
        if (context.Cluster(task.ClusterArn) is not { } cluster || !context.Options.IsClusterAllowed(cluster.ClusterName))
        {
            return (PlannedAction.Keep, Reasons.ClusterNotAllowed, task);
        }

        if (NodeRules.PingedAfter(node, task.StoppedAt))
        {
            return (PlannedAction.Keep, Reasons.PingedAfterStop, task);
        }

        if (NodeRules.IsYoung(node, settings, now))
        {
            return (PlannedAction.Keep, Reasons.RegistrationGrace, task);
        }

        return settings.LegacyMode == LegacyMode.Act
            ? (PlannedAction.Deregister, Reasons.LegacyTaskStopped, task)
            : (PlannedAction.Keep, Reasons.LegacyCandidate, task);
    }

    private static bool Matches(ManagedNode node, EcsTask task, DateTimeOffset now) =>
        node.IPAddress is { } ip &&
        task.PrivateIPv4Addresses.Contains(ip) &&
        node.RegistrationDate is { } registered &&
        task.CreatedAt is { } created &&
        registered >= created &&
        registered <= (task.StoppedAt ?? now);
}
