namespace Cleanup.Emulator;

/// <summary>
/// A node to place directly into the emulator, bypassing activation: nodes registered by someone else, long-lived
/// on-premises servers, or EC2 instances (ResourceType "EC2Instance", id i-...).
/// </summary>
public sealed record NewNode
{
    /// <summary>Defaults to a fresh mi-... id (or i-... for EC2Instance).</summary>
    public string? InstanceId { get; init; }

    public string? Name { get; init; }

    public string? ActivationId { get; init; }

    public string? IamRole { get; init; }

    /// <summary>"ManagedInstance" or "EC2Instance".</summary>
    public string ResourceType { get; init; } = "ManagedInstance";

    /// <summary>Defaults to the emulator clock's now.</summary>
    public DateTimeOffset? RegistrationDate { get; init; }

    /// <summary>Null: the node never pinged, so it reads as ConnectionLost without LastPingDateTime.</summary>
    public DateTimeOffset? LastPingDateTime { get; init; }

    public string? IPAddress { get; init; }

    public string? ComputerName { get; init; }

    public string? AgentVersion { get; init; }

    public string? PlatformType { get; init; }

    public string? AssociationStatus { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
