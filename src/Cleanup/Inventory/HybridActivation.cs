namespace Cleanup.Inventory;

/// <summary>An SSM hybrid activation as DescribeActivations lists it (the code itself is never read).</summary>
public sealed record HybridActivation(
    string ActivationId,
    string? DefaultInstanceName,
    string? IamRole,
    int RegistrationLimit,
    int RegistrationsCount,
    DateTimeOffset? ExpirationDate,
    bool Expired,
    DateTimeOffset? CreatedDate,
    IReadOnlyDictionary<string, string> Tags);
