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
    public const string TimeoutVariable = "CLEANUP_TIMEOUT_SECONDS";
    public const string RegistrationGraceVariable = "CLEANUP_REGISTRATION_GRACE_MINUTES";
    public const string OfflineGraceVariable = "CLEANUP_OFFLINE_GRACE_MINUTES";
    public const string UnusedActivationGraceVariable = "CLEANUP_UNUSED_ACTIVATION_GRACE_MINUTES";
    public const string MaxDeletionsVariable = "CLEANUP_MAX_DELETIONS_PER_RUN";
    public const string MaxDeletionPercentVariable = "CLEANUP_MAX_DELETION_PERCENT";
    public const string BrakeMinFleetVariable = "CLEANUP_BRAKE_MIN_FLEET";
    public const string NodeHourPriceVariable = "CLEANUP_NODE_HOUR_PRICE";
    public const string LegacyModeVariable = "CLEANUP_LEGACY_MODE";
    public const string LegacyNameVariable = "CLEANUP_LEGACY_NAME";
    public const string TriggerVariable = "CLEANUP_TRIGGER";
    public const string SweepLeaseVariable = "CLEANUP_SWEEP_LEASE";
    public const string LogDecisionsVariable = "CLEANUP_LOG_DECISIONS";
    public const string MetricsVariable = "CLEANUP_METRICS";

    /// <summary>Set by Lambda in every function's environment: a deployed function must know its own account.</summary>
    public const string LambdaFunctionNameSetting = "AWS_LAMBDA_FUNCTION_NAME";

    public static CleanupOptions Load(Func<string, string?> getVariable)
    {
        var problems = new List<string>();
        var dryRun = ParseBool(getVariable(DryRunVariable), DryRunVariable, problems);
        var prefix = ParseTagPrefix(getVariable(TagPrefixVariable), problems);
        var clusters = ParseClusters(getVariable(ClustersVariable), problems);
        var account = ParseAccount(getVariable(AccountIdVariable), problems);
        var attempts = ParseInt(getVariable(MaxAttemptsVariable), MaxAttemptsVariable, 1, 10, CleanupOptions.DefaultMaxAttempts, problems);
        var sweep = ParseSweep(getVariable, problems);
        var trigger = ParseTrigger(getVariable(TriggerVariable), problems);
        var logDecisions = ParseChoice(getVariable(LogDecisionsVariable), LogDecisionsVariable, DecisionLogging.Changes, problems, ("changes", DecisionLogging.Changes), ("all", DecisionLogging.All));
        var metrics = ParseChoice(getVariable(MetricsVariable), MetricsVariable, MetricDetail.Default, problems, ("default", MetricDetail.Default), ("detailed", MetricDetail.Detailed));
        if (account is null && Blank(getVariable(LambdaFunctionNameSetting)) is not null)
        {
            // Without it, events and tags of any account would be accepted; the template always sets it.
            problems.Add($"{AccountIdVariable} is required in Lambda: the function must refuse events and tags of other accounts");
        }

        var timeout = Blank(getVariable(TimeoutVariable)) is null
            ? (TimeSpan?)null
            : TimeSpan.FromSeconds(ParseInt(getVariable(TimeoutVariable), TimeoutVariable, 3, 900, 60, problems));
        var lease = Blank(getVariable(SweepLeaseVariable));
        if (lease is not null && SweepLeaseName.Problem(lease) is { } leaseProblem)
        {
            problems.Add($"{SweepLeaseVariable}: {leaseProblem}");
        }
        else if (lease is not null && timeout is null)
        {
            // The lease must outlast any run that holds it, so a run that holds one needs a known end.
            problems.Add($"{SweepLeaseVariable} needs {TimeoutVariable}: the lease lasts as long as a run may");
        }

        var region = Blank(getVariable("AWS_REGION")) ?? Blank(getVariable("AWS_DEFAULT_REGION"));
        if (region is null)
        {
            problems.Add("AWS_REGION is not set: the function must know its own region to refuse events from others");
        }
        else if (!RegionPattern().IsMatch(region))
        {
            problems.Add($"AWS_REGION '{region}' is not a region name like us-east-1");
        }

        // Untagged nodes carry no cluster: matching them against every cluster of the account is too wide a net.
        if (sweep.LegacyMode != LegacyMode.Off && clusters.Count == 0)
        {
            problems.Add($"{ClustersVariable} is required when {LegacyModeVariable} is not off: legacy nodes are only matched against tasks of named clusters");
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
            Sweep = sweep,
            Timeout = timeout,
            Region = region!,
            AcceptedTriggers = trigger,
            FunctionName = Blank(getVariable(LambdaFunctionNameSetting)),
            SweepLease = lease,
            LogDecisions = logDecisions,
            Metrics = metrics,
        };
    }

    public static CleanupOptions FromProcess() => Load(Environment.GetEnvironmentVariable);

    private static AcceptedTriggers ParseTrigger(string? raw, List<string> problems)
    {
        switch (Blank(raw))
        {
            case null or "any":
                return AcceptedTriggers.Any;
            case "events":
                return AcceptedTriggers.Events;
            case "sweep":
                return AcceptedTriggers.Sweep;
            default:
                problems.Add($"{TriggerVariable} must be events, sweep or any (empty), got '{Shorten(raw!)}'");
                return AcceptedTriggers.Any;
        }
    }

    // One of a few lower-case words; empty means the default, anything else is named back with the words allowed.
    private static T ParseChoice<T>(string? raw, string name, T fallback, List<string> problems, params (string Word, T Value)[] choices)
    {
        var value = Blank(raw);
        if (value is null)
        {
            return fallback;
        }

        foreach (var (word, choice) in choices)
        {
            if (string.Equals(word, value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        problems.Add($"{name} must be {string.Join(" or ", choices.Select(c => c.Word))} (empty: {choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, fallback)).Word}), got '{Shorten(value)}'");
        return fallback;
    }

    private static string Shorten(string value) => Events.Printable.Cut(value, 40);

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
                var arn = Domain.ClusterArn.TryParse(entry);
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

    private static SweepSettings ParseSweep(Func<string, string?> getVariable, List<string> problems)
    {
        var defaults = new SweepSettings();
        var week = (int)TimeSpan.FromDays(7).TotalMinutes;
        TimeSpan Minutes(string name, TimeSpan fallback, int min) =>
            TimeSpan.FromMinutes(ParseInt(getVariable(name), name, min, week, (int)fallback.TotalMinutes, problems));

        var mode = Blank(getVariable(LegacyModeVariable))?.ToLowerInvariant() switch
        {
            null or "off" => LegacyMode.Off,
            "report" => LegacyMode.Report,
            "act" => LegacyMode.Act,
            var other => Invalid($"{LegacyModeVariable} must be off, report or act, got '{other}'"),
        };
        var legacyName = Blank(getVariable(LegacyNameVariable));
        if (mode != LegacyMode.Off && legacyName is null)
        {
            problems.Add($"{LegacyNameVariable} is required when {LegacyModeVariable} is {mode.ToString().ToLowerInvariant()}: it is the fixed name the original script gave its nodes");
        }

        var price = defaults.NodeHourPrice;
        var rawPrice = Blank(getVariable(NodeHourPriceVariable));
        if (rawPrice is not null && (!decimal.TryParse(rawPrice, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price) || price > 10))
        {
            problems.Add($"{NodeHourPriceVariable} must be a price in USD per node-hour such as 0.00695, got '{rawPrice}'");
        }

        return new SweepSettings
        {
            // Zero is refused: a registration grace of nothing would let a node be judged on evidence older than itself.
            RegistrationGrace = Minutes(RegistrationGraceVariable, defaults.RegistrationGrace, 1),
            OfflineGrace = Minutes(OfflineGraceVariable, defaults.OfflineGrace, 1),
            UnusedActivationGrace = Minutes(UnusedActivationGraceVariable, defaults.UnusedActivationGrace, 1),
            MaxDeletionsPerRun = ParseInt(getVariable(MaxDeletionsVariable), MaxDeletionsVariable, 0, 100_000, defaults.MaxDeletionsPerRun, problems),
            MaxDeletionPercent = ParseInt(getVariable(MaxDeletionPercentVariable), MaxDeletionPercentVariable, 0, 100, defaults.MaxDeletionPercent, problems),
            BrakeMinFleet = ParseInt(getVariable(BrakeMinFleetVariable), BrakeMinFleetVariable, 0, 100_000, defaults.BrakeMinFleet, problems),
            NodeHourPrice = price,
            LegacyMode = mode,
            LegacyName = legacyName,
        };

        LegacyMode Invalid(string problem)
        {
            problems.Add(problem);
            return LegacyMode.Off;
        }
    }

    private static int ParseInt(string? raw, string name, int min, int max, int fallback, List<string> problems)
    {
        var value = Blank(raw);
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        problems.Add($"{name} must be a whole number from {min} to {max}, got '{value}'");
        return fallback;
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
