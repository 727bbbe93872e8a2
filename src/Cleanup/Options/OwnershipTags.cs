namespace Cleanup.Options;

/// <summary>
/// The ownership convention: a container creates its activation with these tags, and SSM copies them onto the node
/// it registers. Without both tags nothing is ours.
/// </summary>
public sealed record OwnershipTags
{
    public OwnershipTags(string prefix) => Prefix = prefix;

    public string Prefix
    {
        get;
        init
        {
            // Composed once per prefix (a `with` that changes it composes them again): the keys are read for every
            // listed item and end up in every proven node's tag map, so composing them on each read left thousands of
            // equal strings in a sweep's memory.
            field = value;
            TaskArnKey = $"{value}:task-arn";
            ClusterArnKey = $"{value}:cluster-arn";
        }
    }

    public string TaskArnKey { get; private init; } = string.Empty;

    public string ClusterArnKey { get; private init; } = string.Empty;

    /// <summary>The activation's DefaultInstanceName, which becomes the node's Name.</summary>
    public static string InstanceName(string clusterName, string taskId) => $"{clusterName}/{taskId}";
}
