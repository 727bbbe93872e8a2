using System.Text.RegularExpressions;

namespace Cleanup.Tests;

/// <summary>
/// Reads template.yaml's block structure by indentation, without a YAML library: enough to find a resource, a
/// parameter or a policy statement and assert on its lines. Comments are removed first, so a comment that
/// mentions a property never counts as the property. (cfn-lint, in CI, validates the template itself.)
/// </summary>
public sealed partial class TemplateText
{
    private readonly string[] _lines;

    private TemplateText(string[] lines) => _lines = lines;

    public static TemplateText Load(string path) =>
        new(File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(StripComment).ToArray());

    /// <summary>The block under <paramref name="key"/> at this block's own indentation (throws if absent).</summary>
    public TemplateText this[string key] => TryGet(key) ?? throw new KeyNotFoundException($"'{key}:' not found in:\n{this}");

    public bool Has(string key) => TryGet(key) is not null;

    /// <summary>The keys at this block's own indentation, in order.</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            var indent = BaseIndent();
            return _lines.Where(l => !IsBlank(l) && Indent(l) == indent)
                .Select(l => KeyPattern().Match(l))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .ToList();
        }
    }

    /// <summary>The value written on the key's own line ("Default: 390" → "390").</summary>
    public string Scalar(string key)
    {
        var indent = BaseIndent();
        var prefix = new string(' ', indent) + key + ":";
        var line = _lines.FirstOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"'{key}: <value>' not found in:\n{this}");
        return line[prefix.Length..].Trim().Trim('"');
    }

    public int Number(string key) => int.Parse(Scalar(key), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The items of a policy's Statement list, each as its own text ("- Sid:" or "- Effect:" starts one).</summary>
    public IReadOnlyList<string> Statements()
    {
        var statements = new List<List<string>>();
        foreach (var line in _lines)
        {
            if (StatementStart().IsMatch(line))
            {
                statements.Add([]);
            }

            if (statements.Count > 0)
            {
                statements[^1].Add(line);
            }
        }

        return statements.Select(s => string.Join('\n', s)).ToList();
    }

    public bool Contains(string text) => ToString().Contains(text, StringComparison.Ordinal);

    public override string ToString() => string.Join('\n', _lines);

    private TemplateText? TryGet(string key)
    {
        var indent = BaseIndent();
        var prefix = new string(' ', indent) + key + ":";
        var start = Array.FindIndex(_lines, l => l.TrimEnd() == prefix || l.StartsWith(prefix + " ", StringComparison.Ordinal));
        if (start < 0)
        {
            return null;
        }

        var body = _lines.Skip(start + 1).TakeWhile(l => IsBlank(l) || Indent(l) > indent).ToArray();
        return new TemplateText(body);
    }

    private int BaseIndent() => _lines.Where(l => !IsBlank(l)).Select(Indent).DefaultIfEmpty(0).Min();

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static bool IsBlank(string line) => line.Trim().Length == 0;

    // Whole-line comments become blank lines; trailing " # ..." comments are cut (the template's strings never
    // contain " # ").
    private static string StripComment(string line) =>
        line.TrimStart().StartsWith('#') ? "" : TrailingComment().Replace(line, "");

    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex(@"^\s*([A-Za-z0-9:_-]+):(\s|$)")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^\s*- (Sid|Effect):")]
    private static partial Regex StatementStart();
}
