using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Plan;

/// <summary>
/// Decides whether tags and a name prove that an item belongs to one of the stopped tasks. Every part of the
/// convention must agree; any disagreement is a reason to keep, never a reason to guess.
/// </summary>
internal static class OwnershipMatch
{
    public static (string? KeepReason, StoppedTask? Task) Match(
        IReadOnlyDictionary<string, string> tags,
        string? name,
        IReadOnlyDictionary<string, StoppedTask> scope,
        CleanupOptions options)
    {
        if (!tags.TryGetValue(options.Tags.TaskArnKey, out var taskArn) ||
            !tags.TryGetValue(options.Tags.ClusterArnKey, out var clusterArn))
        {
            return (Reasons.NotOwned, null);
        }

        if (!scope.TryGetValue(taskArn, out var task))
        {
            return (Reasons.TaskNotInScope, null);
        }

        if (!string.Equals(clusterArn, task.Cluster.Value, StringComparison.Ordinal))
        {
            return (Reasons.ClusterMismatch, task);
        }

        if (!options.IsClusterAllowed(task.Cluster.ClusterName))
        {
            return (Reasons.ClusterNotAllowed, task);
        }

        if (!string.Equals(name, task.InstanceName, StringComparison.Ordinal))
        {
            return (Reasons.NameMismatch, task);
        }

        return (null, task);
    }

    public static SortedDictionary<string, string> Evidence(
        IReadOnlyDictionary<string, string> tags,
        string? name,
        StoppedTask? task,
        OwnershipTags ownership)
    {
        var evidence = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { ownership.TaskArnKey, ownership.ClusterArnKey })
        {
            if (tags.TryGetValue(key, out var value))
            {
                evidence[$"tag:{key}"] = value;
            }
        }

        if (name is not null)
        {
            evidence["name"] = name;
        }

        if (task is not null)
        {
            evidence["ecs.clusterArn"] = task.Cluster.Value;
            evidence["ecs.lastStatus"] = "STOPPED";
            evidence["ecs.statusSource"] = "event";
            AddIfPresent(evidence, "ecs.stoppedAt", task.StoppedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            AddIfPresent(evidence, "ecs.stopCode", task.StopCode);
            AddIfPresent(evidence, "ecs.version", task.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return evidence;
    }

    public static void AddIfPresent(IDictionary<string, string> evidence, string key, string? value)
    {
        if (value is not null)
        {
            evidence[key] = value;
        }
    }
}
