namespace Cleanup.Domain;

/// <summary>
/// An ECS task ARN in either format: the current arn:…:task/CLUSTER/ID, or the older arn:…:task/ID that accounts
/// created before the long-ARN opt-in still emit (the cluster then comes only from the event's clusterArn).
/// </summary>
public sealed record TaskArn(string Value, string Partition, string Region, string Account, string? ClusterName, string TaskId)
{
    /// <summary>
    /// Accepts exactly arn:aws(-[a-z]+)*:ecs:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:task/([A-Za-z0-9_-]{1,255}/)?[A-Za-z0-9-]{1,64}
    /// with nothing after the id.
    /// </summary>
    public static TaskArn? TryParse(string? value)
    {
        if (value is null || !EcsArnSyntax.TryReadTask(value, out var parts))
        {
            return null;
        }

        return new TaskArn(
            value,
            EcsArnSyntax.Partition(value.AsSpan()[parts.Partition]),
            value[parts.Region],
            value[parts.Account],
            parts.Cluster is { } cluster ? value[cluster] : null,
            value[parts.Id]);
    }

    public override string ToString() => Value;

    /// <summary>
    /// The task id at the end of a task ARN in either format, or of a bare id, unparsed: ECS answers with its
    /// canonical ARN whatever form it was asked in, so answers and questions are matched by id.
    /// </summary>
    public static string IdOf(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return arn[(arn.LastIndexOf('/') + 1)..];
    }
}
