using System.Globalization;
using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The pure heart of Cleanup: inventory, trigger, options and the current time in; one decision per item out.
/// No I/O and no clock of its own, so every rule can be tested exhaustively.
/// </summary>
public static class Planner
{
    /// <summary>
    /// A ping later than this after the task's stoppedAt means something alive still speaks for the node
    /// (the allowance absorbs clock differences between ECS and SSM).
    /// </summary>
    public static readonly TimeSpan PingAfterStopAllowance = TimeSpan.FromMinutes(1);

    public static CleanupPlan Create(FleetInventory inventory, Trigger trigger, CleanupOptions options, DateTimeOffset now)
    {
        var scope = trigger switch
        {
            TaskStoppedTrigger stopped => ScopeOf(stopped.Tasks),
            _ => throw new NotSupportedException($"no plan for trigger {trigger.Kind}"),
        };

        var nodes = inventory.Nodes.Select(node => DecideNode(node, scope, options, now)).ToList();

        // Deleting an activation never deregisters its nodes, but an activation whose node we keep is kept too:
        // one contradiction is enough to stop acting on that task's identity.
        var heldActivations = nodes
            .Where(d => d.Action == PlannedAction.Keep && d.Reason == Reasons.PingedAfterStop)
            .Select(d => d.Evidence.TryGetValue("activationId", out var id) ? id : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var activations = inventory.Activations
            .Select(activation => DecideActivation(activation, scope, options, heldActivations))
            .ToList();

        return new CleanupPlan(trigger, nodes, activations);
    }

    private static Dictionary<string, StoppedTask> ScopeOf(IEnumerable<StoppedTask> tasks)
    {
        var scope = new Dictionary<string, StoppedTask>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            scope.TryAdd(task.Task.Value, task);
        }

        return scope;
    }

    private static Decision DecideNode(ManagedNode node, Dictionary<string, StoppedTask> scope, CleanupOptions options, DateTimeOffset now)
    {
        var (keepReason, task) = OwnershipMatch.Match(node.Tags, node.Name, scope, options);
        var evidence = OwnershipMatch.Evidence(node.Tags, node.Name, task, options.Tags);
        OwnershipMatch.AddIfPresent(evidence, "activationId", node.ActivationId);
        OwnershipMatch.AddIfPresent(evidence, "pingStatus", node.PingStatus);
        OwnershipMatch.AddIfPresent(evidence, "lastPingDateTime", Format(node.LastPingDateTime));
        OwnershipMatch.AddIfPresent(evidence, "registrationDate", Format(node.RegistrationDate));
        if (node.LastPingDateTime is { } lastPing)
        {
            evidence["pingAgeSeconds"] = ((long)(now - lastPing).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (node.ResourceType != ManagedNode.HybridResourceType)
        {
            keepReason = Reasons.NotHybridNode;
        }
        else if (keepReason is null && task?.StoppedAt is { } stoppedAt && node.LastPingDateTime > stoppedAt + PingAfterStopAllowance)
        {
            keepReason = Reasons.PingedAfterStop;
        }

        return Decide(ResourceKind.Node, node.InstanceId, PlannedAction.Deregister, keepReason, task, node.Tags, options, evidence);
    }

    private static Decision DecideActivation(HybridActivation activation, Dictionary<string, StoppedTask> scope, CleanupOptions options, HashSet<string> held)
    {
        var (keepReason, task) = OwnershipMatch.Match(activation.Tags, activation.DefaultInstanceName, scope, options);
        var evidence = OwnershipMatch.Evidence(activation.Tags, activation.DefaultInstanceName, task, options.Tags);
        evidence["registrations"] = $"{activation.RegistrationsCount}/{activation.RegistrationLimit}";
        evidence["expired"] = activation.Expired ? "true" : "false";
        OwnershipMatch.AddIfPresent(evidence, "expirationDate", Format(activation.ExpirationDate));
        if (keepReason is null && held.Contains(activation.ActivationId))
        {
            keepReason = Reasons.NodeKept;
        }

        return Decide(ResourceKind.Activation, activation.ActivationId, PlannedAction.Delete, keepReason, task, activation.Tags, options, evidence);
    }

    // Kept items still name the task their tag claims, so a log search by task ARN finds every decision about it.
    private static Decision Decide(
        ResourceKind kind,
        string id,
        PlannedAction removal,
        string? keepReason,
        StoppedTask? task,
        IReadOnlyDictionary<string, string> tags,
        CleanupOptions options,
        IReadOnlyDictionary<string, string> evidence) => new(
            kind,
            id,
            keepReason is null ? removal : PlannedAction.Keep,
            keepReason ?? Reasons.TaskStopped,
            task?.Task.Value ?? (tags.TryGetValue(options.Tags.TaskArnKey, out var arn) ? arn : null),
            evidence);

    private static string? Format(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
