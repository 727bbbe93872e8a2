namespace Cleanup.Emulator.Ssm;

/// <summary>
/// Parameter Store constraints: the request shapes' limits from the botocore model, and the service limits that its
/// documentation states but the shapes do not carry (value size per tier, versions kept, hierarchy depth).
/// </summary>
internal static class ParameterModel
{
    public const string String = "String";
    public const string StringList = "StringList";
    public const string SecureString = "SecureString";

    public const string Standard = "Standard";
    public const string Advanced = "Advanced";
    public const string IntelligentTiering = "Intelligent-Tiering";

    public const int NameMax = 2048;
    public const int DescriptionMax = 1024;
    public const int AllowedPatternMax = 1024;
    public const int KeyIdMax = 256;
    public const string KeyIdPattern = "^([a-zA-Z0-9:/_-]+)$";
    public const int PoliciesMax = 4096;
    public const int DataTypeMax = 128;

    /// <summary>"The maximum length for a parameter name that you specify is 1011 characters", counted with its ARN.</summary>
    public const int ArnMax = 1011;

    public const int HierarchyLevelsMax = 15;
    public const int StandardValueMax = 4096;
    public const int AdvancedValueMax = 8192;

    /// <summary>"Parameter Store retains the 100 most recently created versions of a parameter."</summary>
    public const int VersionsKept = 100;

    /// <summary>Standard parameters per account and Region.</summary>
    public const int StandardParametersMax = 10_000;

    public const int HistoryPageMax = 50;

    /// <summary>The AWS managed key SecureString parameters use when the request names none.</summary>
    public const string DefaultKeyId = "alias/aws/ssm";

    public const string TextDataType = "text";

    public static readonly string[] Types = [String, StringList, SecureString];
    public static readonly string[] Tiers = [Standard, Advanced, IntelligentTiering];

    /// <summary>Documented data types the emulator does not emulate (they validate against other services).</summary>
    public static readonly string[] ForeignDataTypes = ["aws:ec2:image", "aws:ssm:integration"];
}
