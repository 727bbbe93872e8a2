namespace Cleanup.Emulator.Ssm;

/// <summary>Constraints copied from the botocore model data/ssm/2014-11-06/service-2.json.</summary>
internal static class SsmModel
{
    public const string ActivationIdPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    public const string ManagedInstanceIdPattern = @"(^mi-[0-9a-f]{17}$)|(^eks_c:[0-9A-Za-z][A-Za-z0-9\-_]{0,99}_\w{17}$)";
    public const string InstanceIdPattern = @"(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)";
    public const string TagTextPattern = @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";

    /// <summary>
    /// Per-resource tag limit from the AddTagsToResource documentation ("Most resources can have a maximum of 50
    /// tags"); the model's TagList max of 1000 is only the request shape.
    /// </summary>
    public const int MaxTagsPerResource = 50;

    public static readonly string[] ResourceTypes = [SsmState.ManagedInstance, SsmState.Ec2Instance];
    public static readonly string[] PingStatuses = ["Online", "ConnectionLost", "Inactive"];
    public static readonly string[] PlatformTypes = ["Windows", "Linux", "MacOS"];
    public static readonly string[] SourceTypes = ["AWS::EC2::Instance", "AWS::IoT::Thing", "AWS::SSM::ManagedInstance"];

    public static readonly string[] ResourceTypesForTagging =
        ["Document", "ManagedInstance", "MaintenanceWindow", "Parameter", "PatchBaseline", "OpsItem", "OpsMetadata", "Automation", "Association"];

    /// <summary>Reads a TagList (Key 1–128, Value 0–256, both required) in request order.</summary>
    public static List<KeyValuePair<string, string>>? ReadTags(Protocol.RequestInput input, string member, bool required = false)
    {
        var items = input.Structures(member, required, max: 1000);
        return items?.Select(t => new KeyValuePair<string, string>(
            t.String("Key", required: true, min: 1, max: 128, pattern: TagTextPattern) ?? string.Empty,
            t.String("Value", required: true, min: 0, max: 256, pattern: TagTextPattern) ?? string.Empty)).ToList();
    }
}
