using System.Reflection;
using System.Text.RegularExpressions;
using Cleanup.Options;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Options;

/// <summary>
/// The settings table (<see cref="Settings"/>) is the one place a setting is written: the template's Parameters and
/// variables, docs/configuration.md, the CLI's flags and every CLEANUP_* name in the source must agree with it.
/// </summary>
public partial class SettingsTableTests
{
    private static readonly TemplateText _template = TemplateText.Load(Repo.Path("template.yaml"));

    /// <summary>
    /// Values the reader and the template's AllowedPattern must both accept or both refuse, for every text setting a
    /// Parameter feeds (a number or a choice is compared by its range or words instead).
    /// </summary>
    private static readonly Dictionary<string, (string[] Accepted, string[] Refused)> _textSamples = new()
    {
        [EnvironmentOptions.TagPrefixVariable] = (["ssm-cleanup", "acme/shells", "a.b:c=d+e@f-g_h", new string('p', 100)], ["aws:ssm", "AWS:x", "bad*prefix", "has space", "quote\"d", new string('p', 101)]),
        [EnvironmentOptions.ClustersVariable] = (["", "shells", "prod,staging", "batch_jobs-2", new string('c', 255)], ["not a cluster", "shells,not a cluster", "shells;web", new string('c', 256)]),
        [EnvironmentOptions.NodeHourPriceVariable] = (["0.00695", "0", "1.5", "10", "10.0"], ["cheap", "-1", "1,5", "11", "10.01", "1e3"]),
        [EnvironmentOptions.LegacyNameVariable] = (["fargate-shell", "shell node", "shells/1"], []),
    };

    public static TheoryData<string> Variables => [.. Settings.All.Select(s => s.Variable)];

    [Theory]
    [MemberData(nameof(Variables))]
    public void Row_ItsTemplateParameter_HasTheSameDefaultAndAllowedValues(string variable)
    {
        var setting = Row(variable);
        if (setting.Template.Parameter is not { } name)
        {
            return;
        }

        var parameter = _template["Parameters"][name];
        Assert.Equal(setting.Template.ParameterDefault ?? setting.DefaultValue, parameter.Scalar("Default"));
        if (setting.Range is { } range)
        {
            var expected = setting.Template.ParameterRange ?? range;
            Assert.Equal(expected, (parameter.Number("MinValue"), parameter.Number("MaxValue")));
        }

        if (setting.Words is { } words)
        {
            Assert.Equal(words.Order(StringComparer.Ordinal), AllowedValues(parameter).Order(StringComparer.Ordinal));
        }

        if (setting.Template.ParameterDefault is not null || setting.Template.ParameterRange is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(setting.Template.Why), $"{variable}: a template that differs says why");
        }
    }

    [Theory]
    [MemberData(nameof(Variables))]
    public void Row_TheTemplateSetsItsVariable_FromItsParameterOrAsTheRowWrites(string variable)
    {
        var feed = Row(variable).Template;
        if (feed.Parameter is { } name)
        {
            Assert.Equal($"!Ref {name}", GlobalVariables().Scalar(variable));
        }

        foreach (var (where, value) in feed.Written)
        {
            var variables = where == "Globals" ? GlobalVariables() : _template["Resources"][where]["Properties"]["Environment"]["Variables"];
            Assert.Equal(value, variables.Scalar(variable));
        }

        if (feed.Parameter is null && feed.Written.Count == 0)
        {
            Assert.False(_template.Contains(variable), $"{variable} has no template feed but the template sets it");
            Assert.False(string.IsNullOrWhiteSpace(feed.Why), $"{variable}: a row without a template feed says why");
        }
    }

    [Theory]
    [MemberData(nameof(Variables))]
    public void TextRow_TheReaderAndTheTemplatePattern_AcceptAndRefuseAlike(string variable)
    {
        var setting = Row(variable);
        if (setting.Template.Parameter is not { } name || setting.Range is not null || setting.Words is not null)
        {
            return;
        }

        Assert.True(_textSamples.TryGetValue(variable, out var samples), $"{variable}: add samples the reader and {name}'s AllowedPattern must agree on");
        var parameter = _template["Parameters"][name];
        foreach (var value in samples.Accepted)
        {
            Assert.True(TemplateAccepts(parameter, value), $"{name} refuses '{value}'");
            Assert.Null(ReaderProblem(variable, value));
        }

        foreach (var value in samples.Refused)
        {
            Assert.False(TemplateAccepts(parameter, value), $"{name} accepts '{value}'");
            Assert.NotNull(ReaderProblem(variable, value));
        }
    }

    [Theory]
    [MemberData(nameof(Variables))]
    public void Row_ItsDefaultValue_ReadsAsAnUnsetVariable(string variable)
    {
        var setting = Row(variable);
        var unset = Load();

        var given = Load((variable, setting.DefaultValue));

        Assert.Equal(unset with { AllowedClusters = given.AllowedClusters }, given);
    }

    [Theory]
    [MemberData(nameof(Variables))]
    public void Row_AnInvalidValue_IsOneLineNamingTheVariableAndWhatIsAllowed(string variable)
    {
        var setting = Row(variable);
        if (setting.Range is null && setting.Words is null)
        {
            return;
        }

        var problem = ReaderProblem(variable, "bad\nvalue");

        Assert.NotNull(problem);
        Assert.StartsWith(variable + " must be ", problem, StringComparison.Ordinal);
        Assert.Contains(setting.Allowed, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTemplate_SetsNoCleanupVariableWithoutARow()
    {
        var set = TemplateVariable().Matches(_template.ToString()).Select(m => m.Groups[1].Value).Distinct();

        Assert.Empty(set.Except(Settings.All.Select(s => s.Variable)));
    }

    [Fact]
    public void TheSource_NamesNoCleanupVariableWithoutARow()
    {
        var src = Repo.Path("src");
        var named = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SourceVariable().Matches(File.ReadAllText(f)).Select(m => (Name: m.Value, File: Path.GetRelativePath(src, f))))
            .ToList();

        Assert.NotEmpty(named);
        Assert.Empty(named.Where(n => !Settings.All.Any(s => s.Variable == n.Name)).Select(n => $"{n.Name} in {n.File}").Distinct());
    }

    [Fact]
    public void EveryVariableConstant_HasARowAndEveryRowAConstant()
    {
        var constants = typeof(EnvironmentOptions)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Variable", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(constants.Order(StringComparer.Ordinal), Settings.All.Select(s => s.Variable).Order(StringComparer.Ordinal));
        Assert.Equal(Settings.All.Count, Settings.All.Select(s => s.Variable).Distinct().Count());
    }

    [Fact]
    public void TheDocs_ShowTheTableAsTheRowsSayIt()
    {
        var docs = File.ReadAllText(Repo.Path("docs/configuration.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = docs.IndexOf(SettingsMarkdown.Start, StringComparison.Ordinal);
        var end = docs.IndexOf(SettingsMarkdown.End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/configuration.md lacks the markers {SettingsMarkdown.Start} ... {SettingsMarkdown.End}");

        var shown = docs[(start + SettingsMarkdown.Start.Length)..end].Trim();

        Assert.True(shown == SettingsMarkdown.Table(), "docs/configuration.md's settings table differs from Settings.All; it should read:\n" + SettingsMarkdown.Table());
    }

    [Fact]
    public void TheCliDocs_ListEveryFlagWithItsVariableDefaultAndCommands()
    {
        var lines = File.ReadAllLines(Repo.Path("docs/cli.md"));
        foreach (var setting in Settings.All.Where(s => s.Flag is not null))
        {
            var flag = setting.Flag!;
            var line = Assert.Single(lines, l => l.StartsWith($"| `{flag.Name} ", StringComparison.Ordinal));
            var cells = line.Split(" | ");

            Assert.Equal($"| `{flag.Name} {flag.HelpName.Replace("|", "\\|", StringComparison.Ordinal)}`", cells[0]);
            Assert.Equal($"`{setting.Variable}`", cells[1]);
            Assert.StartsWith(setting.DefaultText, cells[2].Trim('`'), StringComparison.Ordinal);
            Assert.Equal(flag.SweepOnly ? "sweep |" : "sweep, invoke |", cells[3]);
        }
    }

    private static Setting Row(string variable) => Settings.All.Single(s => s.Variable == variable);

    private static TemplateText GlobalVariables() => _template["Globals"]["Function"]["Environment"]["Variables"];

    private static CleanupOptions Load(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        map.TryAdd("AWS_REGION", "us-east-1");
        return EnvironmentOptions.Load(name => map.GetValueOrDefault(name));
    }

    private static string? ReaderProblem(string variable, string value)
    {
        try
        {
            Load((variable, value));
            return null;
        }
        catch (InvalidOptionsException ex)
        {
            return Assert.Single(ex.Problems);
        }
    }

    private static List<string> AllowedValues(TemplateText parameter) =>
        [.. parameter.Scalar("AllowedValues").Trim('[', ']').Split(',').Select(v => v.Trim().Trim('"'))];

    // The template's own checks of a String Parameter: AllowedPattern (YAML double-quoted, so \\ is \) and MaxLength.
    private static bool TemplateAccepts(TemplateText parameter, string value)
    {
        var pattern = YamlEscape().Replace(parameter.Scalar("AllowedPattern"), "$1");
        var fits = !parameter.Has("MaxLength") || value.Length <= parameter.Number("MaxLength");
        return fits && Regex.IsMatch(value, pattern);
    }

    [GeneratedRegex(@"^\s+(CLEANUP_[A-Z0-9_]+):", RegexOptions.Multiline)]
    private static partial Regex TemplateVariable();

    [GeneratedRegex(@"CLEANUP_[A-Z0-9_]*[A-Z0-9]")]
    private static partial Regex SourceVariable();

    [GeneratedRegex(@"\\([""\\])")]
    private static partial Regex YamlEscape();
}
