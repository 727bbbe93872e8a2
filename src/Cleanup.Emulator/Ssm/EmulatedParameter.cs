namespace Cleanup.Emulator;

/// <summary>A snapshot of a parameter's latest version, for test assertions.</summary>
public sealed record EmulatedParameter(
    string Name,
    string Type,
    string Value,
    long Version,
    DateTimeOffset LastModifiedDate,
    string Tier,
    IReadOnlyDictionary<string, string> Tags);
