using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Execute;
using Cleanup.Inventory;
using Cleanup.Plan;

namespace Cleanup.Batch;

/// <summary>Which of the tasks an event named are settled, so their messages may leave the queue.</summary>
public static class Settlement
{
    // A task's message may go once ECS says it is alive (the event was wrong), or it is dead and nothing it owned is
    // left failed, deferred or held by the brake. Unknown evidence and failed reads bring the message back.
    public static List<TaskSettlement> Of(TaskStoppedTrigger trigger, FleetInventory inventory, IReadOnlyList<ItemOutcome> outcomes, BrakeVerdict? brake = null)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(outcomes);
        var open = outcomes
            .Where(o => o.Status is OutcomeStatus.Failed or OutcomeStatus.Deferred or OutcomeStatus.Braked && o.Decision.TaskArn is not null)
            .Select(o => TaskArn.IdOf(o.Decision.TaskArn!))
            .ToHashSet(StringComparer.Ordinal);
        var settlements = new List<TaskSettlement>();
        foreach (var task in trigger.Tasks.DistinctBy(t => t.Task.Value, StringComparer.Ordinal))
        {
            var arn = task.Task.Value;
            var key = new TaskKey(task.Cluster.Value, arn);
            var evidence = inventory.Tasks.GetValueOrDefault(key);
            var state = evidence?.LastStatus ?? evidence?.State.ToString().ToUpperInvariant() ?? "UNKNOWN";
            settlements.Add(evidence switch
            {
                null or { State: TaskState.Unknown } => new(arn, state, false, $"ECS could not say whether the task is dead ({evidence?.Error ?? "no answer"}); nothing was removed"),
                { State: TaskState.Alive } => new(arn, state, true, "ECS reports the task alive: the event was wrong, nothing was removed"),
                _ when inventory.Unread.TryGetValue(key, out var error) => new(arn, state, false, $"reading what the task owned failed ({error}); nothing of it was removed"),
                _ when brake?.TrippedTasks.Contains(task.Task.TaskId) == true => new(arn, state, false, "the brake tripped on it: it alone owns more nodes than MaxDeletionsPerRun; nothing of it was removed"),
                _ when brake?.DeferredTasks.Contains(task.Task.TaskId) == true => new(arn, state, false, "waits for a later delivery: older tasks filled MaxDeletionsPerRun in this run; nothing of it was removed") { DeferredByBrake = true },
                _ when open.Contains(task.Task.TaskId) => new(arn, state, false, "a removal failed, was deferred or was held by the brake"),
                _ => new(arn, state, true, "dead; everything it owned is removed, already gone, or kept for a reason"),
            });
        }

        return settlements;
    }
}
