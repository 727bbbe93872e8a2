using System.Globalization;
using System.Text.RegularExpressions;

namespace Cleanup.Options;

/// <summary>The checks of the text settings, each problem one line naming the variable.</summary>
internal static partial class SettingParsers
{
    public static bool TagPrefix(Setting setting, string value, List<string> problems, out string parsed)
    {
        parsed = value;
        // The longest derived key is "<prefix>:cluster-arn"; SSM tag keys are at most 128 characters.
        var problem = value.Length > 100 ? $"{setting.Variable} must be at most 100 characters, got {value.Length}"
            : !TagKeyPattern().IsMatch(value) ? $"{setting.Variable} '{Setting.Shown(value)}' may contain only ASCII letters, digits and _ . : / = + - @ (it is written into the IAM policy)"
            : value.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) ? $"{setting.Variable} must not start with 'aws:' (reserved by AWS)"
            : null;
        return Settle(problem, problems);
    }

    public static bool Clusters(Setting setting, string value, List<string> problems, out IReadOnlySet<string> parsed)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // An allow-list entry may be a cluster ARN or a bare name; both reduce to the name the events carry.
            var name = entry;
            if (entry.StartsWith("arn:", StringComparison.Ordinal))
            {
                var arn = Domain.ClusterArn.TryParse(entry);
                if (arn is null)
                {
                    problems.Add($"{setting.Variable} entry '{Setting.Shown(entry)}' is not an ECS cluster ARN");
                    continue;
                }

                name = arn.ClusterName;
            }
            else if (!ClusterNamePattern().IsMatch(entry))
            {
                problems.Add($"{setting.Variable} entry '{Setting.Shown(entry)}' is not a cluster name (letters, digits, - and _, up to 255)");
                continue;
            }

            names.Add(name);
        }

        parsed = names;
        return true;
    }

    public static bool AccountId(Setting setting, string value, List<string> problems, out string? parsed)
    {
        parsed = value;
        return Settle(AccountPattern().IsMatch(value) ? null : $"{setting.Variable} must be {setting.Allowed}, got '{Setting.Shown(value)}'", problems);
    }

    public static bool SweepLease(Setting setting, string value, List<string> problems, out string? parsed)
    {
        parsed = value;
        return Settle(SweepLeaseName.Problem(value) is { } problem ? $"{setting.Variable}: {problem}" : null, problems);
    }

    public static bool AnyText(Setting setting, string value, List<string> problems, out string? parsed)
    {
        parsed = value;
        return true;
    }

    public static bool Price(Setting setting, string value, List<string> problems, out decimal parsed) =>
        Settle(decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out parsed) && parsed <= 10
            ? null
            : $"{setting.Variable} must be {setting.Allowed}, got '{Setting.Shown(value)}'", problems);

    private static bool Settle(string? problem, List<string> problems)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }

        return problem is null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:/=+\-@]+\z")]
    private static partial Regex TagKeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,255}\z")]
    private static partial Regex ClusterNamePattern();

    // \z, not $: $ also matches before a final newline, which would let "123456789012\n" through.
    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex AccountPattern();
}
