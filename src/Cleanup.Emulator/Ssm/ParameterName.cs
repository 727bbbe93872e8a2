using System.Text.RegularExpressions;

namespace Cleanup.Emulator.Ssm;

/// <summary>
/// Parameter name rules. A name is either one level with an optional leading slash ("lease", "/lease") or a path of
/// slash-separated levels that starts with a slash ("/cleanup/stack/sweep-lease"); each level is letters, digits and
/// <c>_.-</c>. "lease" and "/lease" are the same parameter in AWS (one ARN, parameter/lease), so parameters are keyed
/// by the name without its leading slash.
/// </summary>
internal static partial class ParameterName
{
    /// <summary>
    /// AWS's wording for any malformed name, odd as its first sentence is for most of them (observed: "a/b" and
    /// "/a//b" are both answered with it).
    /// </summary>
    public const string InvalidMessage =
        "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed as a path, it can consist of "
        + "sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the "
        + "following 3 symbols .-_";

    /// <summary>"The service removes any spaces specified for the beginning or end of a parameter name."</summary>
    public static string Trim(string name) => name.Trim(' ');

    public static string KeyOf(string name) => name.StartsWith('/') ? name[1..] : name;

    public static string Arn(EmulatorOptions options, string key) => $"{ArnPrefix(options)}{key}";

    public static string ArnPrefix(EmulatorOptions options) => $"arn:aws:ssm:{options.Region}:{options.AccountId}:parameter/";

    /// <summary>Throws ValidationException unless the name is well formed (reads too: a bad name is not just absent).</summary>
    public static void CheckSyntax(string name)
    {
        if (!WellFormed().IsMatch(name))
        {
            throw new AwsErrorException("ValidationException", InvalidMessage);
        }
    }

    /// <summary>Everything PutParameter checks about a name before it looks at the store.</summary>
    public static void CheckForWrite(string name, EmulatorOptions options)
    {
        CheckReserved(name);
        CheckSyntax(name);
        if (name.Split('/', StringSplitOptions.RemoveEmptyEntries).Length > ParameterModel.HierarchyLevelsMax)
        {
            throw new AwsErrorException(
                "HierarchyLevelLimitExceededException", $"A hierarchy can have a maximum of {ParameterModel.HierarchyLevelsMax} levels.");
        }

        var arnLength = Arn(options, KeyOf(name)).Length;
        if (arnLength > ParameterModel.ArnMax)
        {
            // Inferred wording: the documented limit counts the ARN, which the model's 2048 does not show.
            throw new AwsErrorException(
                "ValidationException",
                $"Parameter name is too long: with its ARN it has {arnLength} characters, the maximum is {ParameterModel.ArnMax}.");
        }
    }

    /// <summary>
    /// "aws" and "ssm" prefixes (case-insensitive) are reserved. A path under /aws is where AWS publishes its public
    /// parameters, and AWS refuses writes there as an access denial rather than a validation error.
    /// </summary>
    private static void CheckReserved(string name)
    {
        var bare = KeyOf(name);
        if (!bare.StartsWith("aws", StringComparison.OrdinalIgnoreCase) && !bare.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var isPath = name.Count(c => c == '/') > 1;
        if (isPath && name.StartsWith("/aws", StringComparison.OrdinalIgnoreCase))
        {
            throw new AwsErrorException("AccessDeniedException", $"No access to reserved parameter name: {name}.");
        }

        throw new AwsErrorException(
            "ValidationException",
            isPath ? InvalidMessage : "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
    }

    [GeneratedRegex(@"^(?:/?[a-zA-Z0-9_.\-]+|(?:/[a-zA-Z0-9_.\-]+)+)$", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();
}
