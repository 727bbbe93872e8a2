namespace Cleanup.Emulator;

/// <summary>
/// A task to start directly through <see cref="EcsState.RunTask"/>, as if someone had called RunTask: the cluster
/// and a task definition revision are created when missing.
/// </summary>
public sealed record NewTask
{
    public string Cluster { get; init; } = "default";

    public string Family { get; init; } = "app";

    /// <summary>"FARGATE" (awsvpc, with an ENI and a private IP) or "EC2" (bridge network mode, no ENI).</summary>
    public string LaunchType { get; init; } = "FARGATE";

    public string? StartedBy { get; init; }

    /// <summary>Defaults to "family:&lt;Family&gt;", as in ECS.</summary>
    public string? Group { get; init; }

    public string Subnet { get; init; } = "subnet-0a1b2c3d4e5f60718";

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>A fixed private address for its ENI (addresses are reused across subnets, VPCs and time), else the next free one.</summary>
    public string? PrivateIp { get; init; }

    /// <summary>A fixed task id (32 hex), so a sample event's ARN can name a task the emulator really runs.</summary>
    public string? TaskId { get; init; }
}
