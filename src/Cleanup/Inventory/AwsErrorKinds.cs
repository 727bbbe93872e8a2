namespace Cleanup.Inventory;

/// <summary>
/// What an AWS error code says about the thing asked, as opposed to about the service: the difference between one odd
/// cluster, task or node (kept, the rest of the fleet goes on) and an outage (the run cannot see the fleet and fails).
/// </summary>
internal static class AwsErrorKinds
{
    /// <summary>ECS does not know the cluster named in the request: its tasks are gone (ecs-2014-11-13: ClusterNotFoundException).</summary>
    public static bool IsClusterNotFound(string? code) => code == "ClusterNotFoundException";

    /// <summary>IAM refused the call for this resource (a policy scoped by ecs:cluster, an SCP, a boundary).</summary>
    public static bool IsDenied(string? code) =>
        code is not null && (code.StartsWith("AccessDenied", StringComparison.Ordinal) || code is "UnauthorizedOperation" or "UnauthorizedAccess");

    /// <summary>
    /// ECS refused the request itself (ClientException, InvalidParameterException): something in it, e.g. one task
    /// identifier it does not accept. Asked again in smaller parts, it names the task alone.
    /// </summary>
    public static bool IsRejectedRequest(string? code) => code is "InvalidParameterException" or "ClientException";
}
