namespace Cleanup.Options;

/// <summary>
/// The ownership convention: a container creates its activation with these tags, and SSM copies them onto the node
/// it registers. Without both tags nothing is ours.
/// </summary>
public sealed record OwnershipTags(string Prefix)
{
    public string TaskArnKey => $"{Prefix}:task-arn";

    public string ClusterArnKey => $"{Prefix}:cluster-arn";

    /// <summary>The activation's DefaultInstanceName, which becomes the node's Name.</summary>
    public static string InstanceName(string clusterName, string taskId) => $"{clusterName}/{taskId}";
}
