using System.Text.RegularExpressions;

namespace Cleanup.Events;

/// <summary>
/// An ECS task ARN in either format: the current arn:…:task/CLUSTER/ID, or the older arn:…:task/ID that accounts
/// created before the long-ARN opt-in still emit (the cluster then comes only from the event's clusterArn).
/// </summary>
public sealed partial record TaskArn(string Value, string Partition, string Region, string Account, string? ClusterName, string TaskId)
{
    public static TaskArn? TryParse(string? value)
    {
        var match = value is null ? null : Pattern().Match(value);
        if (match is not { Success: true })
        {
            return null;
        }

        var cluster = match.Groups["cluster"];
        return new TaskArn(
            value!,
            match.Groups["partition"].Value,
            match.Groups["region"].Value,
            match.Groups["account"].Value,
            cluster.Success ? cluster.Value : null,
            match.Groups["id"].Value);
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^arn:(?<partition>aws(-[a-z]+)*):ecs:(?<region>[a-z]{2}(-[a-z]+)+-[0-9]+):(?<account>[0-9]{12}):task/((?<cluster>[A-Za-z0-9_-]{1,255})/)?(?<id>[A-Za-z0-9-]{1,64})$")]
    private static partial Regex Pattern();
}
