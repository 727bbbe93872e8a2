using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The behaviour settings the functions read from CLEANUP_* variables, as flags. A flag stands in for its variable
/// and goes through the same parsing (<see cref="EnvironmentOptions.Load"/>), so a value is valid on the command line
/// exactly when it is valid in the function's configuration, and one validation stays the only one.
/// </summary>
internal sealed partial class BehaviourOptions
{
    private static readonly SweepSettings _defaults = new();

    /// <summary>Every flag, its variable, its value's name, what it sets, its default; SweepOnly: a setting only sweeps use.</summary>
    private static readonly (string Flag, string Variable, string HelpName, string What, string Default, bool SweepOnly)[] _all =
    [
        ("--clusters", EnvironmentOptions.ClustersVariable, "NAMES", "Only these clusters (comma-separated names or ARNs)", "every cluster", false),
        ("--tag-prefix", EnvironmentOptions.TagPrefixVariable, "PREFIX", "The ownership tag keys' prefix (<prefix>:task-arn, <prefix>:cluster-arn)", CleanupOptions.DefaultTagPrefix, false),
        ("--registration-grace", EnvironmentOptions.RegistrationGraceVariable, "MINUTES", "No node registered less than this ago is deregistered", Minutes(_defaults.RegistrationGrace), false),
        ("--offline-grace", EnvironmentOptions.OfflineGraceVariable, "MINUTES", "The node of a task ECS no longer knows must be offline this long", Minutes(_defaults.OfflineGrace), false),
        ("--unused-activation-grace", EnvironmentOptions.UnusedActivationGraceVariable, "MINUTES", "An activation nobody registered with is deleted once this old", Minutes(_defaults.UnusedActivationGrace), false),
        ("--max-deletions", EnvironmentOptions.MaxDeletionsVariable, "N", "The brake: a run that would deregister more nodes deletes nothing", Number(_defaults.MaxDeletionsPerRun), false),
        ("--max-deletion-percent", EnvironmentOptions.MaxDeletionPercentVariable, "N", "The brake: a sweep that would deregister more than this % of the owned nodes deletes nothing", Number(_defaults.MaxDeletionPercent), true),
        ("--brake-min-fleet", EnvironmentOptions.BrakeMinFleetVariable, "N", "Below this many owned nodes the percentage brake does not apply", Number(_defaults.BrakeMinFleet), true),
        ("--legacy-mode", EnvironmentOptions.LegacyModeVariable, "off|report|act", "Nodes of the original untagged script: off, report (list matches) or act (deregister matches); needs --clusters and --legacy-name", "off", true),
        ("--legacy-name", EnvironmentOptions.LegacyNameVariable, "NAME", "The fixed node name the original script gave its nodes", "none", true),
        ("--node-hour-price", EnvironmentOptions.NodeHourPriceVariable, "USD", "Price per advanced-tier node-hour, for the dead-node cost shown", _defaults.NodeHourPrice.ToString(CultureInfo.InvariantCulture), false),
        ("--max-attempts", EnvironmentOptions.MaxAttemptsVariable, "N", "Attempts per AWS call, retries included", Number(CleanupOptions.DefaultMaxAttempts), false),
        ("--timeout", EnvironmentOptions.TimeoutVariable, "SECONDS", "The run's time budget: no removal is started after 80% of it", "none", false),
    ];

    private readonly List<(Option<string> Option, string Variable)> _flags = [];

    /// <param name="sweep">Also the settings only a sweep uses (the percentage brake, legacy adoption).</param>
    public BehaviourOptions(bool sweep)
    {
        foreach (var (flag, variable, helpName, what, defaultText, sweepOnly) in _all)
        {
            if (sweep || !sweepOnly)
            {
                _flags.Add((new Option<string>(flag) { Description = $"{what}. Default: {defaultText}, or {variable} when set.", HelpName = helpName }, variable));
            }
        }
    }

    public void AddTo(Command command)
    {
        foreach (var (option, _) in _flags)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The variables the given flags stand in for: each wins over the process environment's value.</summary>
    public IReadOnlyDictionary<string, string> Read(ParseResult parse)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, variable) in _flags)
        {
            if (parse.GetValue(option) is { } value)
            {
                settings[variable] = value;
            }
        }

        return settings;
    }

    /// <summary>The flag that stands in for <paramref name="variable"/>, if any.</summary>
    public static string? FlagOf(string variable) => _all.FirstOrDefault(f => f.Variable == variable).Flag;

    /// <summary>
    /// A configuration problem as the user caused it: a variable a flag gave is named by that flag, the others by
    /// their variable.
    /// </summary>
    public static string Rename(string problem, IReadOnlyDictionary<string, string> given) =>
        VariableName().Replace(problem, m => given.ContainsKey(m.Value) && FlagOf(m.Value) is { } flag ? flag : m.Value);

    private static string Minutes(TimeSpan span) => Number((int)span.TotalMinutes);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("CLEANUP_[A-Z_]+", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
