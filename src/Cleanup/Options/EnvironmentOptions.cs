using System.Globalization;
using System.Text.RegularExpressions;

namespace Cleanup.Options;

/// <summary>
/// Reads <see cref="CleanupOptions"/> from environment variables and reports every problem at once, so a bad
/// deployment fails on its first invocation with a message that names each variable to fix.
/// </summary>
public static partial class EnvironmentOptions
{
    public const string DryRunVariable = "CLEANUP_DRY_RUN";
    public const string TagPrefixVariable = "CLEANUP_TAG_PREFIX";
    public const string ClustersVariable = "CLEANUP_CLUSTERS";
    public const string AccountIdVariable = "CLEANUP_ACCOUNT_ID";
    public const string MaxAttemptsVariable = "CLEANUP_MAX_ATTEMPTS";

    public static CleanupOptions Load(Func<string, string?> getVariable)
    {
        var problems = new List<string>();
        var dryRun = ParseBool(getVariable(DryRunVariable), DryRunVariable, problems);
        var prefix = ParseTagPrefix(getVariable(TagPrefixVariable), problems);
        var clusters = ParseClusters(getVariable(ClustersVariable), problems);
        var account = ParseAccount(getVariable(AccountIdVariable), problems);
        var attempts = ParseAttempts(getVariable(MaxAttemptsVariable), problems);
        var region = Blank(getVariable("AWS_REGION")) ?? Blank(getVariable("AWS_DEFAULT_REGION"));
        if (region is null)
        {
            problems.Add("AWS_REGION is not set: the function must know its own region to refuse events from others");
        }
        else if (!RegionPattern().IsMatch(region))
        {
            problems.Add($"AWS_REGION '{region}' is not a region name like us-east-1");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(problems);
        }

        return new CleanupOptions
        {
            DryRun = dryRun,
            Tags = new OwnershipTags(prefix),
            AllowedClusters = clusters,
            AccountId = account,
            MaxAttempts = attempts,
            Region = region!,
        };
    }

    public static CleanupOptions FromProcess() => Load(Environment.GetEnvironmentVariable);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool ParseBool(string? raw, string name, List<string> problems)
    {
        var value = Blank(raw);
        if (value is null)
        {
            return false;
        }

        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        problems.Add($"{name} must be 'true' or 'false', got '{value}'");
        return false;
    }

    private static string ParseTagPrefix(string? raw, List<string> problems)
    {
        var value = Blank(raw) ?? CleanupOptions.DefaultTagPrefix;
        // The longest derived key is "<prefix>:cluster-arn"; SSM tag keys are at most 128 characters.
        if (value.Length > 100)
        {
            problems.Add($"{TagPrefixVariable} must be at most 100 characters, got {value.Length}");
        }
        else if (!TagKeyPattern().IsMatch(value))
        {
            problems.Add($"{TagPrefixVariable} '{value}' may contain only ASCII letters, digits and _ . : / = + - @ (it is written into the IAM policy)");
        }
        else if (value.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{TagPrefixVariable} must not start with 'aws:' (reserved by AWS)");
        }

        return value;
    }

    private static HashSet<string> ParseClusters(string? raw, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (raw ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // An allow-list entry may be a cluster ARN or a bare name; both reduce to the name the events carry.
            var name = entry;
            if (entry.StartsWith("arn:", StringComparison.Ordinal))
            {
                var arn = Events.ClusterArn.TryParse(entry);
                if (arn is null)
                {
                    problems.Add($"{ClustersVariable} entry '{entry}' is not an ECS cluster ARN");
                    continue;
                }

                name = arn.ClusterName;
            }
            else if (!ClusterNamePattern().IsMatch(entry))
            {
                problems.Add($"{ClustersVariable} entry '{entry}' is not a cluster name (letters, digits, - and _, up to 255)");
                continue;
            }

            names.Add(name);
        }

        return names;
    }

    private static string? ParseAccount(string? raw, List<string> problems)
    {
        var value = Blank(raw);
        if (value is not null && !AccountPattern().IsMatch(value))
        {
            problems.Add($"{AccountIdVariable} must be a 12-digit AWS account id, got '{value}'");
        }

        return value;
    }

    private static int ParseAttempts(string? raw, List<string> problems)
    {
        var value = Blank(raw);
        if (value is null)
        {
            return CleanupOptions.DefaultMaxAttempts;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts is >= 1 and <= 10)
        {
            return attempts;
        }

        problems.Add($"{MaxAttemptsVariable} must be a whole number from 1 to 10, got '{value}'");
        return CleanupOptions.DefaultMaxAttempts;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:/=+\-@]+$")]
    private static partial Regex TagKeyPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex ClusterNamePattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
