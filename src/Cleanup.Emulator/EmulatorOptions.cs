namespace Cleanup.Emulator;

public sealed class EmulatorOptions
{
    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>Drives every timestamp and expiry decision; pass a <see cref="ManualClock"/> to control time in tests.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long after its last ping a node still counts as Online (real agents ping about every 5 minutes).</summary>
    public TimeSpan ConnectionLostAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// ECS task ARNs in the current format <c>task/CLUSTER/ID</c> (true) or the old <c>task/ID</c> format that accounts
    /// without the long-ARN setting still produce (false).
    /// </summary>
    public bool LongTaskArns { get; init; } = true;

    /// <summary>How long a STOPPED task stays visible to DescribeTasks/ListTasks ("at least one hour" in AWS).</summary>
    public TimeSpan StoppedTaskRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Per-operation request quota from the start (null = unlimited); see <see cref="AwsEmulator.RateLimits"/> to change it later.</summary>
    public RateLimit? RateLimit { get; init; }

    /// <summary>
    /// Refills the <see cref="RateLimit"/> buckets. Separate from <see cref="Clock"/> because tests step that one by
    /// minutes to age tasks and nodes, which would refill every bucket as a side effect.
    /// </summary>
    public TimeProvider RateLimitClock { get; init; } = TimeProvider.System;

    /// <summary>TCP port on <see cref="Host"/>; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The address to listen on; loopback only (the emulator accepts any signature), anything else is refused.</summary>
    public System.Net.IPAddress Host { get; init; } = System.Net.IPAddress.Loopback;
}
