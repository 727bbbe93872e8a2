namespace Cleanup.Options;

/// <summary>
/// How strongly the nodes of unconfirmed or young tasks are protected, and the brake on mass deletion. The defaults
/// are the settings table's (<see cref="Settings"/>).
/// </summary>
public sealed record SweepSettings
{
    /// <summary>No node younger than this is deregistered, whatever the evidence: it may predate what ECS told us.</summary>
    public TimeSpan RegistrationGrace { get; init; } = Settings.RegistrationGrace.Default;

    /// <summary>A node of a task ECS no longer knows must be offline this long (since its last ping, or its registration).</summary>
    public TimeSpan OfflineGrace { get; init; } = Settings.OfflineGrace.Default;

    /// <summary>An activation nobody registered with is deleted only once it is this old.</summary>
    public TimeSpan UnusedActivationGrace { get; init; } = Settings.UnusedActivationGrace.Default;

    /// <summary>The brake: a run that would deregister more nodes than this deletes nothing.</summary>
    public int MaxDeletionsPerRun { get; init; } = Settings.MaxDeletionsPerRun.Default;

    /// <summary>The brake: a sweep that would deregister more than this share of the owned fleet deletes nothing.</summary>
    public int MaxDeletionPercent { get; init; } = Settings.MaxDeletionPercent.Default;

    /// <summary>Below this many owned nodes the percentage brake does not apply (one of three is not a mass event).</summary>
    public int BrakeMinFleet { get; init; } = Settings.BrakeMinFleet.Default;

    /// <summary>Advanced-tier price per node-hour, for the cost the report shows.</summary>
    public decimal NodeHourPrice { get; init; } = Settings.NodeHourPrice.Default;

    public LegacyMode LegacyMode { get; init; } = Settings.LegacyMode.Default;

    /// <summary>The fixed DefaultInstanceName the original, untagged script gave every node.</summary>
    public string? LegacyName { get; init; }
}

/// <summary>What to do with nodes registered by the original untagged script.</summary>
public enum LegacyMode
{
    Off,

    /// <summary>Match and list candidates with their evidence; delete nothing.</summary>
    Report,

    /// <summary>Deregister matched nodes of dead tasks.</summary>
    Act,
}
