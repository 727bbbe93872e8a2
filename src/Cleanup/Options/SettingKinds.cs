using System.Globalization;

namespace Cleanup.Options;

/// <summary>
/// The kinds of row the settings table is made of. Each kind derives the row's default text, allowed text and error
/// message from the same values, so what the docs and the CLI say is allowed is what the reader accepts.
/// </summary>
internal static class SettingKinds
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, converted to <typeparamref name="T"/>.</summary>
    /// <param name="defaultNumber">Null: unset means none (<paramref name="unset"/> says what).</param>
    public static Setting<T> Number<T>(
        string variable, int min, int max, int? defaultNumber, Func<int, T> convert, string description,
        Func<CleanupOptions, T, CleanupOptions> sets, TemplateFeed template, CliFlag? flag = null, string unset = "none") =>
        new(ParseNumber(min, max, convert), sets)
        {
            Variable = variable,
            Description = description,
            Default = defaultNumber is { } number ? convert(number) : default!,
            DefaultText = defaultNumber?.ToString(CultureInfo.InvariantCulture) ?? unset,
            DefaultValue = defaultNumber?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Allowed = $"a whole number from {min} to {max}",
            Range = (min, max),
            Template = template,
            Flag = flag,
        };

    /// <summary>One of a few words, any case; the first is the default.</summary>
    public static Setting<T> Choice<T>(
        string variable, (string Word, T Value)[] choices, string description,
        Func<CleanupOptions, T, CleanupOptions> sets, TemplateFeed template, CliFlag? flag = null) =>
        new(ParseChoice(choices), sets)
        {
            Variable = variable,
            Description = description,
            Default = choices[0].Value,
            DefaultText = choices[0].Word,
            DefaultValue = choices[0].Word,
            Allowed = Either(choices.Select(c => c.Word).ToList()),
            Words = choices.Select(c => c.Word).ToList(),
            Template = template,
            Flag = flag,
        };

    /// <summary>true or false, any case; unset is false.</summary>
    public static Setting<bool> Switch(
        string variable, string description, Func<CleanupOptions, bool, CleanupOptions> sets, TemplateFeed template) =>
        new(ParseSwitch, sets)
        {
            Variable = variable,
            Description = description,
            Default = false,
            DefaultText = "false",
            DefaultValue = "false",
            Allowed = "true or false",
            Words = ["true", "false"],
            Template = template,
        };

    /// <summary>Text that <paramref name="parse"/> checks (and names the problem of) itself.</summary>
    /// <param name="rawDefault">The variable's value that means the default ("" when only unset means it).</param>
    public static Setting<T> Text<T>(
        string variable, T defaultValue, string defaultText, string allowed, SettingParser<T> parse, string description,
        Func<CleanupOptions, T, CleanupOptions> sets, TemplateFeed template, CliFlag? flag = null, string rawDefault = "") =>
        new(parse, sets)
        {
            Variable = variable,
            Description = description,
            Default = defaultValue,
            DefaultText = defaultText,
            DefaultValue = rawDefault,
            Allowed = allowed,
            Template = template,
            Flag = flag,
        };

    private static SettingParser<T> ParseNumber<T>(int min, int max, Func<int, T> convert) =>
        (Setting setting, string value, List<string> problems, out T parsed) =>
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
            {
                parsed = convert(number);
                return true;
            }

            problems.Add($"{setting.Variable} must be {setting.Allowed}, got '{Setting.Shown(value)}'");
            parsed = default!;
            return false;
        };

    private static SettingParser<T> ParseChoice<T>((string Word, T Value)[] choices) =>
        (Setting setting, string value, List<string> problems, out T parsed) =>
        {
            foreach (var (word, choice) in choices)
            {
                if (string.Equals(word, value, StringComparison.OrdinalIgnoreCase))
                {
                    parsed = choice;
                    return true;
                }
            }

            problems.Add($"{setting.Variable} must be {setting.Allowed} (empty: {setting.DefaultText}), got '{Setting.Shown(value)}'");
            parsed = default!;
            return false;
        };

    private static bool ParseSwitch(Setting setting, string value, List<string> problems, out bool parsed)
    {
        if (bool.TryParse(value, out parsed))
        {
            return true;
        }

        problems.Add($"{setting.Variable} must be {setting.Allowed}, got '{Setting.Shown(value)}'");
        return false;
    }

    /// <summary>"a or b", "a, b or c".</summary>
    private static string Either(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";
}
