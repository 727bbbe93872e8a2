using Cleanup.Domain;
using Cleanup.Options;

namespace Cleanup.Events;

/// <summary>Reads an "ECS Task State Change" event; only a STOPPED task becomes a trigger.</summary>
public static class TaskStateChangeParser
{
    public const string Source = "aws.ecs";
    public const string DetailType = "ECS Task State Change";

    public static ParsedEvent Parse(EventEnvelope envelope, CleanupOptions options, DateTimeOffset now)
    {
        var detail = new JsonFields(envelope.Detail, "detail");
        var rawTask = detail.RequiredString("taskArn");
        var rawCluster = detail.RequiredString("clusterArn");
        var lastStatus = detail.RequiredString("lastStatus");
        var stoppedAt = detail.OptionalTimestamp("stoppedAt", now);
        var version = detail.OptionalInteger("version");
        var stopCode = detail.OptionalString("stopCode");
        if (detail.Error is not null)
        {
            return new RejectedEvent(detail.Error, envelope.Id);
        }

        var task = TaskArn.TryParse(rawTask);
        var cluster = ClusterArn.TryParse(rawCluster);
        var doubt = Ownership.Read(task, cluster, new OwnershipScope(envelope.Region, envelope.Account, options.AllowedClusters));
        var problem = task is null ? $"detail.taskArn {Fragment.Quote(rawTask)} is not an ECS task ARN"
            : cluster is null ? $"detail.clusterArn {Fragment.Quote(rawCluster)} is not an ECS cluster ARN"
            : Inconsistency(doubt, envelope, task, cluster);
        if (problem is not null)
        {
            return new RejectedEvent(problem, envelope.Id);
        }

        if (!string.Equals(lastStatus, "STOPPED", StringComparison.Ordinal))
        {
            return new IgnoredEvent($"task {task!.Value} is {Fragment.Quote(lastStatus)}; only STOPPED tasks are cleaned up", envelope.Id);
        }

        if (doubt == OwnershipDoubt.ClusterNotAllowed)
        {
            return new IgnoredEvent($"cluster '{cluster!.ClusterName}' is not in {EnvironmentOptions.ClustersVariable}", envelope.Id);
        }

        var stopped = new StoppedTask(task!, cluster!, stoppedAt, stopCode, version);
        return new AcceptedEvent(new TaskStoppedTrigger(envelope.Id, [stopped]));
    }

    // A task ARN that disagrees with its own envelope is forged or misrouted; acting on it could delete another
    // account's or region's view of the same name. A cluster outside the allow-list is not a contradiction: ignored.
    private static string? Inconsistency(OwnershipDoubt doubt, EventEnvelope envelope, TaskArn task, ClusterArn cluster) => doubt switch
    {
        OwnershipDoubt.OtherRegion => $"task and cluster ARNs must be in the event's region {Fragment.Quote(envelope.Region)}",
        OwnershipDoubt.OtherAccount => $"task and cluster ARNs must be in the event's account {Fragment.Quote(envelope.Account)}",
        OwnershipDoubt.OtherPartition => $"task and cluster ARNs must be in the partition of the event's region {Fragment.Quote(envelope.Region)}",
        OwnershipDoubt.ClusterMismatch => $"task ARN names cluster {Fragment.Quote(task.ClusterName)} but detail.clusterArn names {Fragment.Quote(cluster.ClusterName)}",
        _ => null,
    };
}
