using System.Text.RegularExpressions;

namespace Cleanup.Events;

/// <summary>An ECS cluster ARN: arn:PARTITION:ecs:REGION:ACCOUNT:cluster/NAME.</summary>
public sealed partial record ClusterArn(string Value, string Partition, string Region, string Account, string ClusterName)
{
    public static ClusterArn? TryParse(string? value)
    {
        var match = value is null ? null : Pattern().Match(value);
        return match is { Success: true }
            ? new ClusterArn(value!, match.Groups["partition"].Value, match.Groups["region"].Value, match.Groups["account"].Value, match.Groups["name"].Value)
            : null;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^arn:(?<partition>aws(-[a-z]+)*):ecs:(?<region>[a-z]{2}(-[a-z]+)+-[0-9]+):(?<account>[0-9]{12}):cluster/(?<name>[A-Za-z0-9_-]{1,255})$")]
    private static partial Regex Pattern();
}
