namespace Cleanup.Emulator.Ssm;

/// <summary>Mutable activation state; only touched under <see cref="SsmState.Gate"/>.</summary>
internal sealed class ActivationRecord
{
    public required long Sequence { get; init; }

    public required string ActivationId { get; init; }

    public required string ActivationCode { get; init; }

    public string? Description { get; init; }

    public string? DefaultInstanceName { get; init; }

    public required string IamRole { get; init; }

    public required int RegistrationLimit { get; init; }

    public int RegistrationsCount { get; set; }

    public required DateTimeOffset ExpirationDate { get; init; }

    public required DateTimeOffset CreatedDate { get; init; }

    /// <summary>Kept in request order; activations cannot be re-tagged after creation.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; }

    public bool IsExpired(DateTimeOffset now) => now >= ExpirationDate;

    public EmulatedActivation Snapshot() => new(
        ActivationId, DefaultInstanceName, IamRole, RegistrationLimit, RegistrationsCount, ExpirationDate, CreatedDate,
        Tags.ToDictionary(t => t.Key, t => t.Value));
}
