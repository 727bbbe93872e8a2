namespace Cleanup.Lease;

/// <summary>What trying to take the sweep lease came to.</summary>
public abstract record LeaseOutcome(string Name);

/// <summary>
/// This run holds the lease until <paramref name="Expires"/>. <paramref name="TookOverFrom"/> names a holder whose
/// lease had expired (a sweep that was killed, or never released it).
/// </summary>
public sealed record HeldLease(string Name, string Holder, long Version, DateTimeOffset Expires, string? TookOverFrom) : LeaseOutcome(Name);

/// <summary>Another sweep holds the lease (or took it at the same moment): this run must not read or delete anything.</summary>
public sealed record BusyLease(string Name, string Explanation) : LeaseOutcome(Name);

/// <summary>
/// The lease parameter does not exist: a wrong name, or it was deleted. Nothing is created, because a lease no other
/// sweep reads keeps nothing apart; the run fails so a person looks.
/// </summary>
public sealed record MissingLease(string Name) : LeaseOutcome(Name)
{
    public const string ErrorCode = "ParameterNotFound";

    public string Explanation =>
        $"the sweep lease parameter {Name} does not exist: create it with the value {LeaseRecord.Free.ToJson()}, or check the name (a stack's lease is /cleanup/<stack>/sweep-lease)";
}
