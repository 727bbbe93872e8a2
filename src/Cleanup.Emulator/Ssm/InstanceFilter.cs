namespace Cleanup.Emulator.Ssm;

/// <summary>One DescribeInstanceInformation filter: values are ORed, filters are ANDed by the caller.</summary>
internal sealed record InstanceFilter(string Key, IReadOnlyList<string> Values)
{
    public const string TagKey = "tag-key";
    public const string TagPrefix = "tag:";

    public bool IsTagFilter => Key == TagKey || Key.StartsWith(TagPrefix, StringComparison.Ordinal);

    public bool Matches(NodeRecord node, DateTimeOffset now, TimeSpan connectionLostAfter)
    {
        if (Key == TagKey)
        {
            return Values.Any(node.Tags.ContainsKey);
        }

        if (Key.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            return node.Tags.TryGetValue(Key[TagPrefix.Length..], out var value) && Values.Contains(value, StringComparer.Ordinal);
        }

        var actual = Key switch
        {
            "InstanceIds" or "SourceIds" => node.InstanceId,
            "ActivationIds" => node.ActivationId,
            "PingStatus" => node.PingStatus(now, connectionLostAfter),
            "ResourceType" => node.ResourceType,
            "IamRole" => node.IamRole,
            "AgentVersion" => node.AgentVersion,
            "PlatformType" => node.PlatformType,
            "AssociationStatus" => node.AssociationStatus,
            "SourceTypes" => node.SourceType,
            _ => null,
        };
        return actual is not null && Values.Contains(actual, StringComparer.Ordinal);
    }
}
