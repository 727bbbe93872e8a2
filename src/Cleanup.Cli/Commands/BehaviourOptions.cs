using System.CommandLine;
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
    /// <summary>The settings that have a flag here (<see cref="Setting.Flag"/>); their names, help and defaults are the table's.</summary>
    private static readonly IReadOnlyList<Setting> _all = [.. Settings.All.Where(s => s.Flag is not null)];

    private readonly List<(Option<string> Option, string Variable)> _flags = [];

    /// <param name="sweep">Also the settings only a sweep uses (the percentage brake, legacy adoption).</param>
    public BehaviourOptions(bool sweep)
    {
        foreach (var setting in _all)
        {
            var flag = setting.Flag!;
            if (sweep || !flag.SweepOnly)
            {
                // The table names other settings by their variable; here the user knows them as flags.
                var what = VariableName().Replace(setting.Description, m => FlagOf(m.Value) ?? m.Value);
                var description = $"{what}. Default: {setting.DefaultText}, or {setting.Variable} when set.";
                _flags.Add((new Option<string>(flag.Name) { Description = description, HelpName = flag.HelpName }, setting.Variable));
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
    public static string? FlagOf(string variable) => _all.FirstOrDefault(s => s.Variable == variable)?.Flag!.Name;

    /// <summary>
    /// A configuration problem as the user caused it: a variable a flag gave is named by that flag, the others by
    /// their variable.
    /// </summary>
    public static string Rename(string problem, IReadOnlyDictionary<string, string> given) =>
        VariableName().Replace(problem, m => given.ContainsKey(m.Value) && FlagOf(m.Value) is { } flag ? flag : m.Value);

    [GeneratedRegex("CLEANUP_[A-Z_]+", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();
}
