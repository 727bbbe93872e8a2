namespace Cleanup.Options;

/// <summary>
/// The ownership convention: a container creates its activation with these tags, and SSM copies them onto the node
/// it registers. Without both tags nothing is ours.
/// </summary>
public sealed record OwnershipTags(string Prefix)
{
    // Composed once: the keys are read for every listed item and end up in every proven node's tag map, so composing
    // them on each read left thousands of equal strings in a sweep's memory.
    public string TaskArnKey { get; } = $"{Prefix}:task-arn";

    public string ClusterArnKey { get; } = $"{Prefix}:cluster-arn";

    /// <summary>The activation's DefaultInstanceName, which becomes the node's Name.</summary>
    public static string InstanceName(string clusterName, string taskId) => $"{clusterName}/{taskId}";
}
