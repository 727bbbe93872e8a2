using static Cleanup.Options.EnvironmentOptions;
using static Cleanup.Options.SettingKinds;

namespace Cleanup.Options;

/// <summary>
/// Every CLEANUP_* setting, one row each: the one place its variable, default, range, meaning, template Parameter
/// and CLI flag are written. <see cref="EnvironmentOptions"/> reads through it, the CLI's flags are made from it, the
/// option records take their defaults from it, and tests hold template.yaml and docs/configuration.md to it.
/// </summary>
public static class Settings
{
    private const int Week = 7 * 24 * 60;

    public static readonly Setting<bool> DryRun = Switch(
        DryRunVariable, "Decide and report, but call no deleting API (a dry-run sweep still takes and gives back the sweep lease)",
        (o, v) => o with { DryRun = v },
        TemplateFeed.FromParameter("DryRun") with
        {
            ParameterDefault = "true",
            Why = "safe by default: a stack deletes nothing until someone sets false on purpose; the CLI's --apply turns it off",
        });

    public static readonly Setting<string> TagPrefix = Text(
        TagPrefixVariable, CleanupOptions.DefaultTagPrefix, CleanupOptions.DefaultTagPrefix,
        "up to 100 ASCII letters, digits and _ . : / = + - @, not starting with aws:", SettingParsers.TagPrefix,
        "The ownership tag keys' prefix (PREFIX:task-arn, PREFIX:cluster-arn)",
        (o, v) => o with { Tags = new OwnershipTags(v) }, TemplateFeed.FromParameter("TagPrefix"), new CliFlag("--tag-prefix", "PREFIX"),
        rawDefault: CleanupOptions.DefaultTagPrefix);

    public static readonly Setting<IReadOnlySet<string>> Clusters = Text<IReadOnlySet<string>>(
        ClustersVariable, new HashSet<string>(StringComparer.Ordinal), "every cluster",
        "comma-separated cluster names (the template's rule filters on names) or cluster ARNs", SettingParsers.Clusters,
        "Only these clusters (comma-separated names or ARNs): other clusters' events are ignored and their nodes kept",
        (o, v) => o with { AllowedClusters = v }, TemplateFeed.FromParameter("Clusters"), new CliFlag("--clusters", "NAMES"));

    public static readonly Setting<string?> AccountId = Text<string?>(
        AccountIdVariable, null, "none; required in Lambda", "a 12-digit AWS account id", SettingParsers.AccountId,
        "Events, task ARNs and cluster ARNs of other accounts are refused; the CLI asks sts:GetCallerIdentity when it is unset",
        (o, v) => o with { AccountId = v },
        TemplateFeed.WrittenAs("set to the stack's account", ("Globals", "!Ref AWS::AccountId")));

    public static readonly Setting<AcceptedTriggers> Trigger = Choice(
        TriggerVariable, [("any", AcceptedTriggers.Any), ("events", AcceptedTriggers.Events), ("sweep", AcceptedTriggers.Sweep)],
        "What the function accepts: the event function refuses sweep payloads, the sweep function refuses events",
        (o, v) => o with { AcceptedTriggers = v },
        TemplateFeed.WrittenAs("`events` on `CleanupFunction`, `sweep` on `SweepFunction`", ("CleanupFunction", "events"), ("SweepFunction", "sweep")));

    public static readonly Setting<int> MaxAttempts = Number(
        MaxAttemptsVariable, 1, 10, CleanupOptions.DefaultMaxAttempts, n => n, "Attempts per AWS call, retries included",
        (o, v) => o with { MaxAttempts = v }, TemplateFeed.FromParameter("MaxAttempts"), new CliFlag("--max-attempts", "N"));

    public static readonly Setting<TimeSpan?> Timeout = Number<TimeSpan?>(
        TimeoutVariable, 3, 900, null, s => TimeSpan.FromSeconds(s), "The run's time budget in seconds (the function's timeout): no removal is started after 80% of it",
        (o, v) => o with { Timeout = v },
        TemplateFeed.FromParameter("FunctionTimeout") with
        {
            ParameterDefault = "60",
            ParameterRange = (10, 900),
            Why = "the Parameter also sets both functions' Lambda timeout, which the template keeps at 10 s or more; the CLI's budget may be shorter",
        },
        new CliFlag("--timeout", "SECONDS"));

    public static readonly Setting<string?> SweepLease = Text<string?>(
        SweepLeaseVariable, null, "no lease", "an SSM parameter name", SettingParsers.SweepLease,
        "The SSM parameter a sweep must hold to run, so sweeps never overlap; needs CLEANUP_TIMEOUT_SECONDS (the lease lasts it + 1 minute)",
        (o, v) => o with { SweepLease = v },
        TemplateFeed.WrittenAs("the `SweepLease` resource, on `SweepFunction` only", ("SweepFunction", "!Ref SweepLease")));

    public static readonly Setting<TimeSpan> RegistrationGrace = Minutes(
        RegistrationGraceVariable, 10, "No node registered less than this many minutes ago is deregistered, whatever the evidence",
        (o, v) => o with { Sweep = o.Sweep with { RegistrationGrace = v } }, "RegistrationGraceMinutes", "--registration-grace");

    public static readonly Setting<TimeSpan> OfflineGrace = Minutes(
        OfflineGraceVariable, 60, "Minutes the node of a task ECS no longer knows must have been offline before it is deregistered",
        (o, v) => o with { Sweep = o.Sweep with { OfflineGrace = v } }, "OfflineGraceMinutes", "--offline-grace");

    public static readonly Setting<TimeSpan> UnusedActivationGrace = Minutes(
        UnusedActivationGraceVariable, 120, "An activation nobody registered with is deleted once this many minutes old",
        (o, v) => o with { Sweep = o.Sweep with { UnusedActivationGrace = v } }, "UnusedActivationGraceMinutes", "--unused-activation-grace");

    public static readonly Setting<int> MaxDeletionsPerRun = Number(
        MaxDeletionsVariable, 0, 100_000, 100, n => n, "The brake: a run that would deregister more nodes deletes nothing (0: never deregister)",
        (o, v) => o with { Sweep = o.Sweep with { MaxDeletionsPerRun = v } },
        TemplateFeed.FromParameter("MaxDeletionsPerRun"), new CliFlag("--max-deletions", "N"));

    public static readonly Setting<int> MaxDeletionPercent = Number(
        MaxDeletionPercentVariable, 0, 100, 25, n => n, "The brake: a sweep that would deregister more than this % of the owned nodes deletes nothing",
        (o, v) => o with { Sweep = o.Sweep with { MaxDeletionPercent = v } },
        TemplateFeed.FromParameter("MaxDeletionPercent"), new CliFlag("--max-deletion-percent", "N", SweepOnly: true));

    public static readonly Setting<int> BrakeMinFleet = Number(
        BrakeMinFleetVariable, 0, 100_000, 20, n => n, "Below this many owned nodes the percentage brake does not apply",
        (o, v) => o with { Sweep = o.Sweep with { BrakeMinFleet = v } },
        TemplateFeed.FromParameter("BrakeMinFleet"), new CliFlag("--brake-min-fleet", "N", SweepOnly: true));

    public static readonly Setting<decimal> NodeHourPrice = Text(
        NodeHourPriceVariable, 0.00695m, "0.00695", "a price in USD per node-hour from 0 to 10, such as 0.00695", SettingParsers.Price,
        "Price per advanced-tier node-hour in USD, for the dead-node cost the reports show",
        (o, v) => o with { Sweep = o.Sweep with { NodeHourPrice = v } },
        TemplateFeed.FromParameter("NodeHourPrice"), new CliFlag("--node-hour-price", "USD"), rawDefault: "0.00695");

    public static readonly Setting<LegacyMode> LegacyMode = Choice(
        LegacyModeVariable, [("off", Options.LegacyMode.Off), ("report", Options.LegacyMode.Report), ("act", Options.LegacyMode.Act)],
        "Nodes of the original untagged script: off, report (list matches) or act (deregister matches); needs CLEANUP_CLUSTERS and CLEANUP_LEGACY_NAME",
        (o, v) => o with { Sweep = o.Sweep with { LegacyMode = v } },
        TemplateFeed.FromParameter("LegacyMode"), new CliFlag("--legacy-mode", "off|report|act", SweepOnly: true));

    public static readonly Setting<string?> LegacyName = Text<string?>(
        LegacyNameVariable, null, "none", "any text (the template refuses quotes and backslashes, up to 256 characters)", SettingParsers.AnyText,
        "The fixed node name the original script gave its nodes",
        (o, v) => o with { Sweep = o.Sweep with { LegacyName = v } },
        TemplateFeed.FromParameter("LegacyName"), new CliFlag("--legacy-name", "NAME", SweepOnly: true));

    public static readonly Setting<DecisionLogging> LogDecisions = Choice(
        LogDecisionsVariable, [("changes", DecisionLogging.Changes), ("all", DecisionLogging.All)],
        "Which decisions get a log line: changes (removals, failures, deferrals, brake holds, anomalous keeps; steady keeps counted in one line) or all",
        (o, v) => o with { LogDecisions = v }, TemplateFeed.FromParameter("LogDecisions"));

    public static readonly Setting<MetricDetail> Metrics = Choice(
        MetricsVariable, [("default", MetricDetail.Default), ("detailed", MetricDetail.Detailed)],
        "Which CloudWatch metrics a run emits: default (the 10 the alarms and dashboard read) or detailed (every count per trigger and reason, each billed)",
        (o, v) => o with { Metrics = v }, TemplateFeed.FromParameter("MetricDetail"));

    /// <summary>Every row, in the order the docs list them.</summary>
    public static readonly IReadOnlyList<Setting> All =
    [
        DryRun, TagPrefix, Clusters, AccountId, Trigger, MaxAttempts, Timeout, SweepLease, RegistrationGrace, OfflineGrace,
        UnusedActivationGrace, MaxDeletionsPerRun, MaxDeletionPercent, BrakeMinFleet, NodeHourPrice, LegacyMode, LegacyName,
        LogDecisions, Metrics,
    ];

    /// <summary>A grace period: whole minutes from 1 (a grace of nothing would judge a node on evidence older than itself) to a week.</summary>
    private static Setting<TimeSpan> Minutes(
        string variable, int defaultMinutes, string description, Func<CleanupOptions, TimeSpan, CleanupOptions> sets, string parameter, string flag) =>
        Number(variable, 1, Week, defaultMinutes, m => TimeSpan.FromMinutes(m), description, sets,
            TemplateFeed.FromParameter(parameter), new CliFlag(flag, "MINUTES"));
}
