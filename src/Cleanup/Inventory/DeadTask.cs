using Cleanup.Domain;
using Cleanup.Events;

namespace Cleanup.Inventory;

/// <summary>
/// A task ECS reports dead, as the proof reads need it: the ARN it is known by (the key of its evidence), its
/// cluster, and every form of its ARN an ownership tag may hold.
/// </summary>
public sealed record DeadTask(TaskKey Key, ClusterArn Cluster, string TaskId, IReadOnlyList<string> TagValues)
{
    /// <summary>
    /// The ARN as we know it, every other form the inventory saw it in (an old-format activation, a node named after
    /// the same task), and as ECS reported it; when ECS no longer knows the task, both ARN formats, since the tag
    /// holds whichever format the account used when the task started.
    /// </summary>
    public static DeadTask From(TaskArn task, ClusterArn cluster, TaskEvidence evidence, IEnumerable<string>? seen = null)
    {
        var values = new List<string> { task.Value };
        foreach (var form in seen ?? [])
        {
            if (!values.Contains(form))
            {
                values.Add(form);
            }
        }

        if (evidence.ReportedArn is { } reported && !values.Contains(reported))
        {
            values.Add(reported);
        }

        if (evidence.State == TaskState.Missing)
        {
            var prefix = $"arn:{task.Partition}:ecs:{task.Region}:{task.Account}:task/";
            foreach (var form in new[] { $"{prefix}{cluster.ClusterName}/{task.TaskId}", $"{prefix}{task.TaskId}" })
            {
                if (!values.Contains(form))
                {
                    values.Add(form);
                }
            }
        }

        return new DeadTask(new(cluster.Value, task.Value), cluster, task.TaskId, values);
    }
}
