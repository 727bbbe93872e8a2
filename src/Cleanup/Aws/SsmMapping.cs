using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Inventory;

namespace Cleanup.Aws;

/// <summary>SDK shapes to our records. AWSSDK v4 leaves absent lists and values null, so every read is guarded.</summary>
internal static class SsmMapping
{
    public static ManagedNode ToNode(InstanceInformation info) => new(
        info.InstanceId,
        info.Name,
        info.ResourceType ?? string.Empty,
        info.PingStatus?.Value,
        Utc(info.LastPingDateTime),
        Utc(info.RegistrationDate),
        info.ActivationId,
        info.IPAddress,
        new Dictionary<string, string>());

    public static HybridActivation ToActivation(Activation activation) => new(
        activation.ActivationId,
        activation.DefaultInstanceName,
        activation.IamRole,
        activation.RegistrationLimit ?? 0,
        activation.RegistrationsCount ?? 0,
        Utc(activation.ExpirationDate),
        activation.Expired ?? false,
        Utc(activation.CreatedDate),
        ToTags(activation.Tags));

    public static IReadOnlyDictionary<string, string> ToTags(List<Tag>? tags)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            map[tag.Key] = tag.Value ?? string.Empty;
        }

        return map;
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : null;
}
