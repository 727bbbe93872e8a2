namespace Cleanup.Domain;

/// <summary>
/// The AWS partition a region belongs to: the one place that knows it. An ARN whose partition is not its region's
/// names nothing that can exist, so no ownership rule may accept it (events, inventory and planner alike).
/// </summary>
public static class Partitions
{
    public static string Of(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : region.StartsWith("us-iso-", StringComparison.Ordinal) ? "aws-iso"
            : region.StartsWith("us-isob-", StringComparison.Ordinal) ? "aws-iso-b"
            : "aws";
    }
}
