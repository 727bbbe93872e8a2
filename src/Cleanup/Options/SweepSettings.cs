namespace Cleanup.Options;

/// <summary>How strongly the nodes of unconfirmed or young tasks are protected, and the brake on mass deletion.</summary>
public sealed record SweepSettings
{
    /// <summary>No node younger than this is deregistered, whatever the evidence: it may predate what ECS told us.</summary>
    public TimeSpan RegistrationGrace { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A node of a task ECS no longer knows must be offline this long (since its last ping, or its registration).</summary>
    public TimeSpan OfflineGrace { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>An activation nobody registered with is deleted only once it is this old.</summary>
    public TimeSpan UnusedActivationGrace { get; init; } = TimeSpan.FromMinutes(120);

    /// <summary>The brake: a run that would deregister more nodes than this deletes nothing.</summary>
    public int MaxDeletionsPerRun { get; init; } = 100;

    /// <summary>The brake: a sweep that would deregister more than this share of the owned fleet deletes nothing.</summary>
    public int MaxDeletionPercent { get; init; } = 25;

    /// <summary>Below this many owned nodes the percentage brake does not apply (one of three is not a mass event).</summary>
    public int BrakeMinFleet { get; init; } = 20;

    /// <summary>Advanced-tier price per node-hour, for the cost the report shows.</summary>
    public decimal NodeHourPrice { get; init; } = 0.00695m;

    public LegacyMode LegacyMode { get; init; } = LegacyMode.Off;

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
