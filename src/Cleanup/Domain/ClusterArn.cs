namespace Cleanup.Domain;

/// <summary>An ECS cluster ARN: arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME.</summary>
public sealed record ClusterArn(string Value, string Partition, string Region, string Account, string ClusterName)
{
    /// <summary>
    /// Accepts exactly arn:aws(-[a-z]+)*:ecs:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255} with
    /// nothing after the name.
    /// </summary>
    public static ClusterArn? TryParse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var start = EcsArnSyntax.ReadHead(value, "cluster/", out var partition, out var region, out var account);
        return start >= 0 && EcsArnSyntax.IsClusterName(value.AsSpan(start))
            ? new ClusterArn(value, EcsArnSyntax.Partition(value.AsSpan()[partition]), value[region], value[account], value[start..])
            : null;
    }

    public override string ToString() => Value;
}
