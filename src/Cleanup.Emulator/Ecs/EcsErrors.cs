namespace Cleanup.Emulator.Ecs;

/// <summary>
/// The ECS error shapes the model lists for the emulated operations. Messages quoted from real responses where
/// they are known (see each member); the others are inferred and say so.
/// </summary>
internal static class EcsErrors
{
    /// <summary>Real message for an unknown cluster, on every operation that takes one.</summary>
    public static AwsErrorException ClusterNotFound() => new("ClusterNotFoundException", "Cluster not found.");

    public static AwsErrorException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static AwsErrorException Client(string message) => new("ClientException", message);
}
