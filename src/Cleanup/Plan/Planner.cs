using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The pure heart of Cleanup: inventory, trigger, options and the current time in; one decision per item and the
/// brake's verdict out. No I/O and no clock of its own, so every rule can be tested exhaustively.
/// </summary>
/// <remarks>
/// A sweep plans a whole fleet, so the planner walks each list once, allocates little more than the decisions, and
/// leaves each decision's evidence to be built when it is read (<see cref="LazyEvidence"/>).
/// </remarks>
public static class Planner
{
    public static CleanupPlan Create(FleetInventory inventory, Trigger trigger, CleanupOptions options, DateTimeOffset now)
    {
        var context = new PlanContext(inventory, options, now);

        // ECS's answer is the only evidence about a task: the event that named it was only a hint.
        var eventHint = trigger is TaskStoppedTrigger;
        var nodes = new List<Decision>(inventory.Nodes.Count);

        // Activations with a node, and whether one of those nodes is kept on contradicting evidence: such an
        // activation is kept too, as one contradiction is enough to stop acting on that task's identity.
        var nodeActivations = new Dictionary<string, bool>(inventory.Nodes.Count, StringComparer.Ordinal);
        var (owned, removals) = (0, 0);
        foreach (var node in inventory.Nodes)
        {
            var ownership = OwnershipClaim.Read(node.Tags, node.Name, context);
            var decision = DecideNode(node, ownership, eventHint, context);
            nodes.Add(decision);
            if (node.ActivationId is { } activationId)
            {
                ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(nodeActivations, activationId, out _);
                held |= decision.Reason is Reasons.PingedAfterStop or Reasons.OnlineButTaskMissing or Reasons.RegisteredAfterStop;
            }

            owned += node.ResourceType == ManagedNode.HybridResourceType && ownership.Claim is not null ? 1 : 0;
            removals += decision.Removes ? 1 : 0;
        }

        var activations = new List<Decision>(inventory.Activations.Count);
        foreach (var activation in inventory.Activations)
        {
            activations.Add(DecideActivation(activation, nodeActivations, context));
        }

        // A queued batch's tasks are weighed one by one, so a batch larger than the limit never trips on every
        // redelivery; the sweep weighs the whole plan.
        var brake = trigger is TaskStoppedTrigger stopped
            ? EventBrake.Judge(stopped, nodes, owned, options.Sweep)
            : BrakeVerdict.Judge(removals, owned, inventory.WholeFleet, options.Sweep);
        return new CleanupPlan(trigger, nodes, activations, brake);
    }

    private static Decision DecideNode(
        ManagedNode node,
        (OwnershipClaim? Claim, string? KeepReason) ownership,
        bool eventHint,
        PlanContext context)
    {
        var (options, now) = (context.Options, context.Now);
        var (claim, keepReason) = ownership;
        var taskArn = claim?.TaskArn ?? node.Tags.GetValueOrDefault(context.Keys.TaskArn);
        PlannedAction action;
        string reason;
        DateTimeOffset? stoppedAt = null;
        TaskEvidence? evidenceTask = null;
        EcsTask? legacyMatch = null;
        LegacyAdoption? adopt = null;
        if (node.ResourceType != ManagedNode.HybridResourceType)
        {
            (action, reason) = (PlannedAction.Keep, Reasons.NotHybridNode);
        }
        else if (claim is not { } owner)
        {
            // SSM's filters proved our tags, but the name named none of the tasks asked about: the convention fails.
            (action, reason) = (PlannedAction.Keep, keepReason == Reasons.NotOwned && node.Proof == OwnershipProof.TagFilter ? Reasons.NameMismatch : keepReason!);
            // Only a node carrying neither ownership tag is legacy: a half-tagged one is someone else's, never adopted.
            if (keepReason == Reasons.NotOwned && IsLegacyName(node, options) && CarriesNoOwnershipTag(node, context.Keys) && context.Inventory.LegacyUnread is not null)
            {
                // Adoption fails closed: without every cluster's tasks, no match can be shown to be the only one.
                (action, reason) = (PlannedAction.Keep, Reasons.LegacyCandidatesUnread);
            }
            else if (keepReason == Reasons.NotOwned && IsLegacyName(node, options) && CarriesNoOwnershipTag(node, context.Keys))
            {
                var (legacyAction, legacyReason, legacyTask) = LegacyMatcher.Decide(node, context.LegacyCandidatesOf(node), context);
                (action, reason) = (legacyAction, legacyReason);
                if (legacyTask is not null)
                {
                    taskArn = legacyTask.TaskArn;
                    stoppedAt = legacyTask.StoppedAt;
                    legacyMatch = legacyTask;
                }

                // Adopted first (tagged with exactly the matched task's ARNs), then deregistered like any owned node:
                // the role may deregister only nodes carrying both ownership tags.
                adopt = action == PlannedAction.Deregister && legacyTask is not null
                    ? new LegacyAdoption(context.Keys.TaskArn, legacyTask.TaskArn, context.Keys.ClusterArn, legacyTask.ClusterArn)
                    : null;
            }
            else if (keepReason == Reasons.NameMismatch && IsAdoptedLegacyNode(node, context, out var adoptedBy))
            {
                // Adopted by an earlier run whose deregistration did not complete: its tags are exactly those of the
                // stopped task it still matches, so it is removed now (without this it would be kept forever).
                (action, reason, taskArn, stoppedAt, legacyMatch) =
                    (PlannedAction.Deregister, Reasons.LegacyAdoptedTaskStopped, adoptedBy.TaskArn, adoptedBy.StoppedAt, adoptedBy);
            }
        }
        else if (!context.Inventory.Tasks.TryGetValue(new(owner.ClusterArn, owner.TaskArn), out var task))
        {
            (action, reason) = (PlannedAction.Keep, Reasons.TaskNotInScope);
        }
        else
        {
            evidenceTask = task;
            stoppedAt = task.StoppedAt;
            (action, reason) = task.ClusterArn is not null && task.ClusterArn != owner.ClusterArn
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
        var evidence = new NodeEvidence(node, evidenceTask, legacyMatch, context.Keys, now);
        return new Decision(ResourceKind.Node, node.InstanceId, action, reason, taskArn, evidence)
        {
            DeadNodeHours = action == PlannedAction.Keep ? 0 : Math.Max(0, (now - deadSince).TotalHours),
            Adopt = action == PlannedAction.Keep ? null : adopt,
        };
    }

    private static Decision DecideActivation(
        HybridActivation activation,
        Dictionary<string, bool> nodeActivations,
        PlanContext context)
    {
        var hasNode = nodeActivations.TryGetValue(activation.ActivationId, out var held);
        var (claim, keepReason) = OwnershipClaim.Read(activation.Tags, activation.DefaultInstanceName, context);
        var taskArn = claim?.TaskArn ?? activation.Tags.GetValueOrDefault(context.Keys.TaskArn);
        TaskEvidence? evidenceTask = null;
        (PlannedAction Action, string Reason) decision;
        if (claim is not { } owner)
        {
            decision = (PlannedAction.Keep, keepReason!);
        }
        else if (held)
        {
            decision = (PlannedAction.Keep, Reasons.NodeKept);
        }
        else if (!context.Inventory.Tasks.TryGetValue(new(owner.ClusterArn, owner.TaskArn), out var task))
        {
            decision = (PlannedAction.Keep, Reasons.TaskNotInScope);
        }
        else
        {
            evidenceTask = task;
            decision = task.ClusterArn is not null && task.ClusterArn != owner.ClusterArn
                ? (PlannedAction.Keep, Reasons.ClusterMismatch)
                : ActivationRules.Decide(activation, task, hasNode, context.Inventory.WholeFleet, context.Options.Sweep, context.Now);
        }

        var evidence = new ActivationEvidence(activation, evidenceTask, context.Keys);
        return new Decision(ResourceKind.Activation, activation.ActivationId, decision.Action, decision.Reason, taskArn, evidence);
    }

    private static bool CarriesNoOwnershipTag(ManagedNode node, TagKeys keys) =>
        !node.Tags.ContainsKey(keys.TaskArn) && !node.Tags.ContainsKey(keys.ClusterArn);

    /// <summary>
    /// A legacy-named node whose ownership tags (valid, but not matching its name) are exactly those of the one stopped
    /// task the legacy matcher would deregister it for, in act mode: what an interrupted adoption leaves behind.
    /// </summary>
    private static bool IsAdoptedLegacyNode(ManagedNode node, PlanContext context, [NotNullWhen(true)] out EcsTask? task)
    {
        task = null;
        if (context.Options.Sweep.LegacyMode != LegacyMode.Act || !IsLegacyName(node, context.Options) || context.Inventory.LegacyUnread is not null)
        {
            return false;
        }

        var (action, _, matched) = LegacyMatcher.Decide(node, context.LegacyCandidatesOf(node), context);
        if (action != PlannedAction.Deregister || matched is null ||
            node.Tags.GetValueOrDefault(context.Keys.TaskArn) != matched.TaskArn ||
            node.Tags.GetValueOrDefault(context.Keys.ClusterArn) != matched.ClusterArn)
        {
            return false;
        }

        task = matched;
        return true;
    }

    private static bool IsLegacyName(ManagedNode node, CleanupOptions options) =>
        options.Sweep.LegacyMode != LegacyMode.Off &&
        node.Name is not null &&
        string.Equals(node.Name, options.Sweep.LegacyName, StringComparison.Ordinal);
}
