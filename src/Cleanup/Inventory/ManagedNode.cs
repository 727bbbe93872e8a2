namespace Cleanup.Inventory;

/// <summary>A managed node as SSM lists it, with the tags read from the node itself.</summary>
public sealed record ManagedNode(
    string InstanceId,
    string? Name,
    string ResourceType,
    string? PingStatus,
    DateTimeOffset? LastPingDateTime,
    DateTimeOffset? RegistrationDate,
    string? ActivationId,
    string? IPAddress,
    IReadOnlyDictionary<string, string> Tags)
{
    public const string HybridResourceType = "ManagedInstance";
}
