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
