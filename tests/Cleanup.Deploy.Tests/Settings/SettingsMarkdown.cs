using Cleanup.Options;

namespace Cleanup.Tests.Options;

/// <summary>
/// The settings table as docs/configuration.md shows it, made from <see cref="Settings.All"/>: the docs' table must be
/// exactly this (SettingsTableTests), and a failing test prints it to paste.
/// </summary>
internal static class SettingsMarkdown
{
    public const string Start = "<!-- settings table: generated from src/Cleanup/Options/Settings.cs, checked by SettingsTableTests -->";

    public const string End = "<!-- end of settings table -->";

    public static string Table() => string.Join('\n', Lines());

    public static IEnumerable<string> Lines()
    {
        yield return "| environment variable | template | default | allowed | what it does |";
        yield return "|---|---|---|---|---|";
        foreach (var setting in Settings.All)
        {
            yield return $"| `{setting.Variable}` | {Template(setting.Template)} | {Default(setting)} | {Allowed(setting)} | {setting.Description} |";
        }
    }

    private static string Template(TemplateFeed feed) =>
        feed.ParameterDefault is { } templateDefault ? $"{feed.Shown} (its default: `{templateDefault}`)" : feed.Shown;

    // The words of a choice as the code spells them; the other kinds as the error message says them.
    private static string Allowed(Setting setting) => setting.Words is { } words
        ? $"{string.Join(", ", words.Take(words.Count - 1).Select(w => $"`{w}`"))} or `{words[^1]}`"
        : setting.Allowed;

    private static string Default(Setting setting) =>
        setting.DefaultValue.Length > 0 && setting.DefaultValue == setting.DefaultText ? $"`{setting.DefaultText}`" : setting.DefaultText;
}
