using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Inventory;

namespace Cleanup.Aws;

/// <summary>SDK shapes to our records. AWSSDK v4 leaves absent lists and values null, so every read is guarded.</summary>
internal static class SsmMapping
{
    // DescribeInstanceInformation returns no tags: every listed node starts with the same empty, read-only map.
    private static readonly IReadOnlyDictionary<string, string> _noTags = new Dictionary<string, string>();

    public static ManagedNode ToNode(InstanceInformation info, StringPool pool) => new(
        info.InstanceId,
        info.Name,
        pool.Share(info.ResourceType) ?? string.Empty,
        info.PingStatus?.Value,
        Utc(info.LastPingDateTime),
        Utc(info.RegistrationDate),
        info.ActivationId,
        info.IPAddress,
        _noTags);

    public static HybridActivation ToActivation(Activation activation, StringPool pool) => new(
        activation.ActivationId,
        activation.DefaultInstanceName,
        pool.Share(activation.IamRole),
        activation.RegistrationLimit ?? 0,
        activation.RegistrationsCount ?? 0,
        Utc(activation.ExpirationDate),
        activation.Expired ?? false,
        Utc(activation.CreatedDate),
        ToTags(activation.Tags, pool));

    public static IReadOnlyDictionary<string, string> ToTags(List<Tag>? tags, StringPool pool)
    {
        var map = new Dictionary<string, string>(tags?.Count ?? 0, StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            // Keys and cluster ARNs repeat on every item (task ARNs do not, and the pool's bound caps what they take).
            map[pool.Share(tag.Key)!] = pool.Share(tag.Value) ?? string.Empty;
        }

        return map;
    }

    public static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : null;
}
