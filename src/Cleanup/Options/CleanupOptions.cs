namespace Cleanup.Options;

/// <summary>
/// Validated settings for one run. Built once at start from the environment; the defaults are the settings table's
/// (<see cref="Settings"/>).
/// </summary>
public sealed record CleanupOptions
{
    public const string DefaultTagPrefix = "ssm-cleanup";
    public const int DefaultMaxAttempts = 5;

    /// <summary>Decide and report, but call no deleting API.</summary>
    public bool DryRun { get; init; }

    public OwnershipTags Tags { get; init; } = new(DefaultTagPrefix);

    /// <summary>Cluster names; empty means every cluster is in scope.</summary>
    public IReadOnlySet<string> AllowedClusters { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The function's own region: SSM is regional, so an event from elsewhere must not act here.</summary>
    public required string Region { get; init; }

    /// <summary>When set, events and ARNs from any other account are refused.</summary>
    public string? AccountId { get; init; }

    /// <summary>Attempts per AWS call, retries included (the SDK's standard retry mode).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    public SweepSettings Sweep { get; init; } = new();

    /// <summary>
    /// The function's timeout; removals stop being started once 80% of it has passed, so a run reports what it
    /// deferred instead of being cut off mid-way. Null (the CLI) means no budget.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    public TimeSpan? TimeBudget => Timeout * 0.8;

    /// <summary>
    /// The SSM parameter that lets one sweep run at a time (CLEANUP_SWEEP_LEASE); null means sweeps do not coordinate.
    /// Requires <see cref="Timeout"/>: the lease lasts as long as a run may.
    /// </summary>
    public string? SweepLease { get; init; }

    /// <summary>
    /// How long a taken lease lasts: a run ends by its timeout, and the margin covers the clocks of the sweeps that
    /// read the lease after it (a killed holder is outlived by no more than this).
    /// </summary>
    public TimeSpan SweepLeaseDuration => (Timeout ?? TimeSpan.FromMinutes(15)) + TimeSpan.FromMinutes(1);

    /// <summary>The Lambda function's name (AWS_LAMBDA_FUNCTION_NAME), for the logs; null on the command line.</summary>
    public string? FunctionName { get; init; }

    /// <summary>Which triggers this function runs: the event function never sweeps, the sweep function takes no events.</summary>
    public AcceptedTriggers AcceptedTriggers { get; init; } = Settings.Trigger.Default;

    /// <summary>Which decisions get a log line of their own (CLEANUP_LOG_DECISIONS); the run's result always has them all.</summary>
    public DecisionLogging LogDecisions { get; init; } = Settings.LogDecisions.Default;

    /// <summary>Which CloudWatch metrics a run emits (CLEANUP_METRICS).</summary>
    public MetricDetail Metrics { get; init; } = Settings.Metrics.Default;

    public bool IsClusterAllowed(string clusterName) =>
        AllowedClusters.Count == 0 || AllowedClusters.Contains(clusterName);
}
