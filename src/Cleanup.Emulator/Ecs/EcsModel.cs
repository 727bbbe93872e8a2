namespace Cleanup.Emulator.Ecs;

/// <summary>
/// Values and limits of data/ecs/2014-11-13/service-2.json. The ECS model declares almost no length or range
/// constraints; the documented ones (≤ 100 tasks per DescribeTasks, count ≤ 10, maxResults 1–100) are enforced by
/// the service, which answers InvalidParameterException rather than ValidationException.
/// </summary>
internal static class EcsModel
{
    public const int MaxDescribeTasks = 100;
    public const int MaxRunTaskCount = 10;
    public const int MaxListResults = 100;
    public const int MaxTags = 50;

    public const string DefaultCluster = "default";

    public const string Fargate = "FARGATE";
    public const string Ec2 = "EC2";
    public const string AwsVpc = "awsvpc";

    /// <summary>The model's TagKey/TagValue pattern, anchored: unanchored it would accept anything.</summary>
    public const string TagTextPattern = @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";

    /// <summary>Documented for family and cluster names: up to 255 letters, numbers, hyphens and underscores.</summary>
    public const string NamePattern = "^[A-Za-z0-9_-]{1,255}$";

    /// <summary>Documented for startedBy: up to 128 letters, numbers, hyphens, forward slashes and underscores.</summary>
    public const string StartedByPattern = "^[A-Za-z0-9/_-]{1,128}$";

    public static readonly string[] LaunchTypes = ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];
    public static readonly string[] NetworkModes = ["bridge", "host", "awsvpc", "none"];
    public static readonly string[] Compatibilities = ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];
    public static readonly string[] DesiredStatuses = ["RUNNING", "PENDING", "STOPPED"];
    public static readonly string[] TaskFields = ["TAGS"];
    public static readonly string[] ClusterFields = ["ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS"];
    public static readonly string[] StopCodes =
        ["TaskFailedToStart", "EssentialContainerExited", "UserInitiated", "ServiceSchedulerInitiated", "SpotInterruption", "TerminationNotice"];

    /// <summary>Reads a Tags list (key 1–128, value 0–256, ≤ 50) in request order; a repeated key keeps its last value.</summary>
    public static List<KeyValuePair<string, string>>? ReadTags(Protocol.RequestInput input, string member)
    {
        var items = input.Structures(member, max: MaxTags);
        return items?.Select(t => new KeyValuePair<string, string>(
                t.String("key", required: true, min: 1, max: 128, pattern: TagTextPattern) ?? string.Empty,
                t.String("value", min: 0, max: 256, pattern: TagTextPattern) ?? string.Empty))
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToList();
    }
}
