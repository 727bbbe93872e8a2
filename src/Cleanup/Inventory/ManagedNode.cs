namespace Cleanup.Inventory;

/// <summary>
/// A managed node as SSM lists it, with its ownership tags and how they are known (<see cref="Proof"/>):
/// DescribeInstanceInformation returns no tags, so they come from SSM's tag filters, the node's own tag list, or
/// (only to decide whom to ask ECS about) its name and activation.
/// </summary>
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

    public OwnershipProof Proof { get; init; } = OwnershipProof.NodeTags;
}
