namespace Cleanup.Emulator;

/// <summary>A snapshot of one ECS task, for test assertions.</summary>
public sealed record EmulatedTask(
    string TaskArn,
    string TaskId,
    string ClusterArn,
    string TaskDefinitionArn,
    string LaunchType,
    string LastStatus,
    string DesiredStatus,
    long Version,
    string Group,
    string? StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppingAt,
    DateTimeOffset? StoppedAt,
    string? StopCode,
    string? StoppedReason,
    string? PrivateIp,
    IReadOnlyDictionary<string, string> Tags);
