namespace Cleanup.Emulator.Ssm;

/// <summary>
/// One version of a parameter as PutParameter wrote it; immutable, so a read can render it without the lock. Name is
/// the spelling used by the put that wrote it.
/// </summary>
internal sealed record ParameterVersion(
    string Name,
    long Version,
    string Type,
    string Value,
    DateTimeOffset LastModifiedDate,
    string LastModifiedUser,
    string? Description,
    string? AllowedPattern,
    string? KeyId,
    string Tier,
    string DataType);
