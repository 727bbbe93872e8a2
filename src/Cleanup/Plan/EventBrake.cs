using System.Globalization;
using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// The count brake on the event path. A queued batch may name more dead tasks than one run may deregister nodes for;
/// tripping on the whole batch would trip again on every redelivery until every message reached the dead-letter queue.
/// So the run takes whole tasks (all of one task's removals together), most often received first and then in batch
/// order, while their nodes fit in MaxDeletionsPerRun; the other tasks wait for a later delivery, which comes in
/// smaller batches. Only a task that alone owns more nodes than the limit is an anomaly: the brake trips on it, and
/// nothing of it is removed.
/// </summary>
public static class EventBrake
{
    /// <summary>The id of the task a removal belongs to (the last segment of its task ARN, in either format).</summary>
    public static string? TaskOf(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.TaskArn is { } arn ? TaskArn.IdOf(arn) : null;
    }

    public static BrakeVerdict Judge(TaskStoppedTrigger trigger, IReadOnlyList<Decision> nodes, int ownedNodes, SweepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        var limit = settings.MaxDeletionsPerRun;

        // Node removals per task, in first-seen order; a removal naming no task is a task of its own.
        var owned = new Dictionary<string, int>(StringComparer.Ordinal);
        var removals = 0;
        foreach (var node in nodes.Where(n => n.Removes))
        {
            var task = TaskOf(node) ?? node.ResourceId;
            owned[task] = owned.GetValueOrDefault(task) + 1;
            removals++;
        }

        if (removals <= limit)
        {
            return BrakeVerdict.Within(removals, ownedNodes) with { PerTask = true };
        }

        var (tripped, deferred) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var (taken, deferredNodes, largest) = (0, 0, 0);
        foreach (var task in Order(trigger, owned.Keys))
        {
            if (!owned.TryGetValue(task, out var count))
            {
                continue;
            }

            if (count > limit)
            {
                tripped.Add(task);
                largest = Math.Max(largest, count);
            }
            else if (taken + count <= limit)
            {
                // First fit: a task too big for what is left waits, a smaller one behind it may still fit.
                taken += count;
            }
            else
            {
                deferred.Add(task);
                deferredNodes += count;
            }
        }

        var explanation = string.Create(
            CultureInfo.InvariantCulture,
            $"{removals} nodes to deregister is more than MaxDeletionsPerRun={limit}: {taken} deregistered now (whole tasks, most often received first)");
        if (deferred.Count > 0)
        {
            explanation += string.Create(CultureInfo.InvariantCulture, $"; {deferred.Count} task(s) owning {deferredNodes} node(s) wait for a later delivery");
        }

        if (tripped.Count > 0)
        {
            explanation = string.Create(
                CultureInfo.InvariantCulture,
                $"brake tripped: {tripped.Count} task(s) alone own more nodes than MaxDeletionsPerRun={limit} (the largest {largest}); nothing of them was deleted; ") + explanation;
        }

        return new BrakeVerdict(tripped.Count > 0, removals, ownedNodes, explanation)
        {
            PerTask = true,
            TrippedTasks = tripped,
            DeferredTasks = deferred,
        };
    }

    // The trigger's tasks, most often received first, then in batch order (a stable sort); then any other task.
    private static IEnumerable<string> Order(TaskStoppedTrigger trigger, IEnumerable<string> owning)
    {
        var named = trigger.Tasks
            .Select((task, index) => (Id: task.Task.TaskId, task.ReceiveCount, Index: index))
            .GroupBy(t => t.Id, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, ReceiveCount: g.Max(t => t.ReceiveCount), Index: g.Min(t => t.Index)))
            .OrderByDescending(t => t.ReceiveCount)
            .ThenBy(t => t.Index)
            .Select(t => t.Id)
            .ToList();
        var seen = named.ToHashSet(StringComparer.Ordinal);
        return named.Concat(owning.Where(id => !seen.Contains(id)));
    }
}
