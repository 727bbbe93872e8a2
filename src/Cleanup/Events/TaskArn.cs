namespace Cleanup.Events;

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
        if (value is null)
        {
            return null;
        }

        var start = EcsArnSyntax.ReadHead(value, "task/", out var partition, out var region, out var account);
        if (start < 0)
        {
            return null;
        }

        var resource = value.AsSpan(start);
        var slash = resource.IndexOf('/');
        var id = resource[(slash + 1)..];
        if ((slash >= 0 && !EcsArnSyntax.IsClusterName(resource[..slash])) || !EcsArnSyntax.IsTaskId(id))
        {
            return null;
        }

        return new TaskArn(
            value,
            EcsArnSyntax.Partition(value.AsSpan()[partition]),
            value[region],
            value[account],
            slash >= 0 ? resource[..slash].ToString() : null,
            id.ToString());
    }

    public override string ToString() => Value;
}
