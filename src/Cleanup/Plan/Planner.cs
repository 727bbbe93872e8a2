using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The pure heart of Cleanup: inventory, trigger, options and the current time in; one decision per item and the
/// brake's verdict out. No I/O and no clock of its own, so every rule can be tested exhaustively.
/// </summary>
public static class Planner
{
    public static CleanupPlan Create(FleetInventory inventory, Trigger trigger, CleanupOptions options, DateTimeOffset now)
    {
        // ECS's answer is the only evidence about a task: the event that named it was only a hint.
        var tasks = inventory.Tasks;
        var eventHint = trigger is TaskStoppedTrigger;
        var claims = inventory.Nodes.Select(node => OwnershipClaim.Read(node.Tags, node.Name, options)).ToList();
        var nodes = inventory.Nodes.Select((node, i) => DecideNode(node, claims[i], tasks, inventory, eventHint, options, now)).ToList();

        // An activation whose node is kept on contradicting evidence is kept too: one contradiction is enough to
        // stop acting on that task's identity.
        var held = nodes
            .Where(d => d.Reason is Reasons.PingedAfterStop or Reasons.OnlineButTaskMissing or Reasons.RegisteredAfterStop)
            .Select(d => d.Evidence.GetValueOrDefault("activationId"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var withNodes = inventory.Nodes.Select(n => n.ActivationId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var activations = inventory.Activations
            .Select(activation => DecideActivation(activation, tasks, held, withNodes, inventory.WholeFleet, options, now))
            .ToList();

        var owned = inventory.Nodes.Where((n, i) => n.ResourceType == ManagedNode.HybridResourceType && claims[i].Claim is not null).Count();
        var brake = BrakeVerdict.Judge(nodes.Count(d => d.Removes), owned, inventory.WholeFleet, options.Sweep);
        return new CleanupPlan(trigger, nodes, activations, brake);
    }

    private static Decision DecideNode(
        ManagedNode node,
        (OwnershipClaim? Claim, string? KeepReason) ownership,
        IReadOnlyDictionary<string, TaskEvidence> tasks,
        FleetInventory inventory,
        bool eventHint,
        CleanupOptions options,
        DateTimeOffset now)
    {
        var evidence = EvidenceBuilder.ForItem(node.Tags, node.Name, options.Tags);
        EvidenceBuilder.AddNode(evidence, node, now);
        evidence["ownership.proof"] = EvidenceBuilder.Of(node.Proof);
        var (claim, keepReason) = ownership;
        var taskArn = claim?.Task.Value ?? node.Tags.GetValueOrDefault(options.Tags.TaskArnKey);
        PlannedAction action;
        string reason;
        DateTimeOffset? stoppedAt = null;
        if (node.ResourceType != ManagedNode.HybridResourceType)
        {
            (action, reason) = (PlannedAction.Keep, Reasons.NotHybridNode);
        }
        else if (claim is null)
        {
            // SSM's filters proved our tags, but the name named none of the tasks asked about: the convention fails.
            (action, reason) = (PlannedAction.Keep, keepReason == Reasons.NotOwned && node.Proof == OwnershipProof.TagFilter ? Reasons.NameMismatch : keepReason!);
            if (keepReason == Reasons.NotOwned && IsLegacyName(node, options))
            {
                var (legacyAction, legacyReason, legacyTask) = LegacyMatcher.Decide(node, inventory.LegacyCandidates, options.Sweep, now);
                (action, reason) = (legacyAction, legacyReason);
                if (legacyTask is not null)
                {
                    taskArn = legacyTask.TaskArn;
                    stoppedAt = legacyTask.StoppedAt;
                    EvidenceBuilder.AddTask(evidence, TaskEvidence.From(legacyTask));
                    evidence["legacy.match"] = "name+ipAddress+registrationDate";
                }
            }
        }
        else if (!tasks.TryGetValue(claim.Task.Value, out var task))
        {
            (action, reason) = (PlannedAction.Keep, Reasons.TaskNotInScope);
        }
        else
        {
            EvidenceBuilder.AddTask(evidence, task);
            stoppedAt = task.StoppedAt;
            (action, reason) = task.ClusterArn is not null && task.ClusterArn != claim.Cluster.Value
                ? (PlannedAction.Keep, Reasons.ClusterMismatch)
                : NodeRules.Decide(node, task, options.Sweep, now, eventHint);
        }

        // Only SSM's own word about the node's tags may delete it; a claim inferred from its name or activation
        // that the proof read did not confirm means the node's tags say something else.
        if (action != PlannedAction.Keep && node.Proof == OwnershipProof.Derived)
        {
            (action, reason) = (PlannedAction.Keep, Reasons.OwnershipUnproven);
        }

        var deadSince = stoppedAt ?? node.LastPingDateTime ?? node.RegistrationDate ?? now;
        return new Decision(ResourceKind.Node, node.InstanceId, action, reason, taskArn, evidence)
        {
            DeadNodeHours = action == PlannedAction.Keep ? 0 : Math.Max(0, (now - deadSince).TotalHours),
        };
    }

    private static Decision DecideActivation(
        HybridActivation activation,
        IReadOnlyDictionary<string, TaskEvidence> tasks,
        HashSet<string> held,
        HashSet<string> withNodes,
        bool wholeFleet,
        CleanupOptions options,
        DateTimeOffset now)
    {
        var evidence = EvidenceBuilder.ForItem(activation.Tags, activation.DefaultInstanceName, options.Tags);
        EvidenceBuilder.AddActivation(evidence, activation);
        var (claim, keepReason) = OwnershipClaim.Read(activation.Tags, activation.DefaultInstanceName, options);
        var taskArn = claim?.Task.Value ?? activation.Tags.GetValueOrDefault(options.Tags.TaskArnKey);
        (PlannedAction Action, string Reason) decision;
        if (claim is null)
        {
            decision = (PlannedAction.Keep, keepReason!);
        }
        else if (held.Contains(activation.ActivationId))
        {
            decision = (PlannedAction.Keep, Reasons.NodeKept);
        }
        else if (!tasks.TryGetValue(claim.Task.Value, out var task))
        {
            decision = (PlannedAction.Keep, Reasons.TaskNotInScope);
        }
        else
        {
            EvidenceBuilder.AddTask(evidence, task);
            decision = task.ClusterArn is not null && task.ClusterArn != claim.Cluster.Value
                ? (PlannedAction.Keep, Reasons.ClusterMismatch)
                : ActivationRules.Decide(activation, task, withNodes.Contains(activation.ActivationId), wholeFleet, options.Sweep, now);
        }

        return new Decision(ResourceKind.Activation, activation.ActivationId, decision.Action, decision.Reason, taskArn, evidence);
    }

    private static bool IsLegacyName(ManagedNode node, CleanupOptions options) =>
        options.Sweep.LegacyMode != LegacyMode.Off &&
        node.Name is not null &&
        string.Equals(node.Name, options.Sweep.LegacyName, StringComparison.Ordinal);
}
