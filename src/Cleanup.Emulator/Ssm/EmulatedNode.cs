namespace Cleanup.Emulator;

/// <summary>A snapshot of one registered managed node, for test assertions.</summary>
public sealed record EmulatedNode(
    string InstanceId,
    string? Name,
    string? ActivationId,
    string ResourceType,
    DateTimeOffset RegistrationDate,
    DateTimeOffset? LastPingDateTime,
    string? IPAddress,
    string? ComputerName,
    IReadOnlyDictionary<string, string> Tags);
