namespace Cleanup.Options;

/// <summary>
/// One row of the settings table (<see cref="Settings.All"/>): the variable, what an unset one means, what is
/// allowed, what it does, where the template sets it and the CLI flag for it. The reader, the CLI's flags and the
/// tests that hold template.yaml and docs/configuration.md to it all read these rows, so they cannot drift apart.
/// </summary>
public abstract class Setting
{
    private protected Setting()
    {
    }

    public required string Variable { get; init; }

    /// <summary>What it does, in one line without a final period (the CLI's help and the docs show it).</summary>
    public required string Description { get; init; }

    /// <summary>What an unset or blank variable means, as shown to people ("10", "every cluster").</summary>
    public required string DefaultText { get; init; }

    /// <summary>The variable's value that means the same as leaving it unset ("" when only unset means it).</summary>
    public required string DefaultValue { get; init; }

    /// <summary>What is allowed, as the error message and the docs say it.</summary>
    public required string Allowed { get; init; }

    /// <summary>Whole numbers: the smallest and largest allowed.</summary>
    public (int Min, int Max)? Range { get; init; }

    /// <summary>A choice: the words allowed, the default first.</summary>
    public IReadOnlyList<string>? Words { get; init; }

    public required TemplateFeed Template { get; init; }

    /// <summary>The flag of `cleanup sweep`/`invoke` that stands in for the variable; null when there is none.</summary>
    public CliFlag? Flag { get; init; }

    /// <summary>
    /// Reads the variable's raw value into <paramref name="options"/>. A blank value leaves the default; an invalid
    /// one adds one line to <paramref name="problems"/> naming the variable and what is allowed.
    /// </summary>
    internal abstract CleanupOptions Read(CleanupOptions options, string? raw, List<string> problems);

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A value someone wrote, safe to quote in the one line of a problem.</summary>
    internal static string Shown(string value) => Events.Printable.Cut(value, 40);
}

/// <summary>A row whose value has the type <typeparamref name="T"/> in <see cref="CleanupOptions"/>.</summary>
public sealed class Setting<T> : Setting
{
    /// <param name="parse">How a non-blank, trimmed value becomes a <typeparamref name="T"/>: false (and the problems added) when it cannot.</param>
    /// <param name="sets">Where the value goes.</param>
    internal Setting(SettingParser<T> parse, Func<CleanupOptions, T, CleanupOptions> sets)
    {
        Parse = parse;
        Sets = sets;
    }

    /// <summary>The value an unset variable gives; the option records take their defaults from here.</summary>
    public required T Default { get; init; }

    internal SettingParser<T> Parse { get; }

    internal Func<CleanupOptions, T, CleanupOptions> Sets { get; }

    internal override CleanupOptions Read(CleanupOptions options, string? raw, List<string> problems)
    {
        var value = Blank(raw);
        return value is not null && Parse(this, value, problems, out var parsed) ? Sets(options, parsed) : options;
    }
}

/// <summary>Parses <paramref name="value"/> (trimmed, never blank) for <paramref name="setting"/>, adding a problem line when it cannot.</summary>
internal delegate bool SettingParser<T>(Setting setting, string value, List<string> problems, out T parsed);

/// <summary>
/// The `cleanup sweep`/`invoke` flag of a setting. <paramref name="SweepOnly"/>: only sweeps use it (the percentage
/// brake, legacy adoption), so `invoke` does not offer it.
/// </summary>
public sealed record CliFlag(string Name, string HelpName, bool SweepOnly = false);

/// <summary>
/// Where template.yaml sets a variable: from a Parameter (set in Globals for both functions), or written into the
/// template itself, or not at all.
/// </summary>
public sealed record TemplateFeed
{
    private TemplateFeed(string shown) => Shown = shown;

    /// <summary>The Parameter whose value Globals gives the variable; null when the template writes it or leaves it.</summary>
    public string? Parameter { get; private init; }

    /// <summary>Values the template writes into a function's variables itself: (Globals or the function's resource, value).</summary>
    public IReadOnlyList<(string Where, string Value)> Written { get; private init; } = [];

    /// <summary>The Parameter's own default, where it deliberately differs from an unset variable's (with <see cref="Why"/>).</summary>
    public string? ParameterDefault { get; init; }

    /// <summary>The Parameter's own MinValue/MaxValue, where they deliberately differ from the variable's (with <see cref="Why"/>).</summary>
    public (int Min, int Max)? ParameterRange { get; init; }

    /// <summary>Why the template differs from the variable, or feeds nothing.</summary>
    public string? Why { get; init; }

    /// <summary>How the docs' table shows it.</summary>
    public string Shown { get; }

    public static TemplateFeed FromParameter(string name) => new($"`{name}`") { Parameter = name };

    public static TemplateFeed WrittenAs(string shown, params (string Where, string Value)[] values) => new(shown) { Written = values };

    /// <summary>No template Parameter: the setting is the CLI's or the environment's (<paramref name="why"/> says which).</summary>
    public static TemplateFeed None(string why) => new("—") { Why = why };
}
