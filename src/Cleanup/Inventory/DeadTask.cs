using Cleanup.Events;

namespace Cleanup.Inventory;

/// <summary>
/// A task ECS reports dead, as the proof reads need it: the ARN it is known by (the key of its evidence), its
/// cluster, and every form of its ARN an ownership tag may hold.
/// </summary>
public sealed record DeadTask(TaskKey Key, ClusterArn Cluster, string TaskId, IReadOnlyList<string> TagValues)
{
    /// <summary>
    /// The ARN as we know it and as ECS reported it; when ECS no longer knows the task, both ARN formats, since the
    /// tag holds whichever format the account used when the task started.
    /// </summary>
    public static DeadTask From(TaskArn task, ClusterArn cluster, TaskEvidence evidence)
    {
        var values = new List<string> { task.Value };
        if (evidence.ReportedArn is { } reported && reported != task.Value)
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
