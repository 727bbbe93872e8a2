namespace Cleanup.Emulator;

/// <summary>A snapshot of one activation (without its code, which is a secret).</summary>
public sealed record EmulatedActivation(
    string ActivationId,
    string? DefaultInstanceName,
    string IamRole,
    int RegistrationLimit,
    int RegistrationsCount,
    DateTimeOffset ExpirationDate,
    DateTimeOffset CreatedDate,
    IReadOnlyDictionary<string, string> Tags);
