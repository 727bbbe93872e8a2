using System.Diagnostics;
using System.Text.RegularExpressions;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Docs;

/// <summary>
/// Keeps README.md (the front page) and docs/*.md true to the repository: links and anchors resolve, every shell block
/// parses, every `cleanup` command names a command and flags the CLI has, every bench command is the bench's one
/// invocation with flags the bench has, and every path they name exists. The README's
/// emulator walk-through is also run as written (ReadmeWalkthroughTests); AWS-side commands (sam, aws cloudformation)
/// cannot run here and are checked, not run.
/// </summary>
public partial class DocPagesTests
{
    private static readonly string[] _commands = ["demo", "invoke", "sweep", "emulator"];

    // How the docs run the bench (bench/Cleanup.Bench/BenchCommand.cs writes the same line in its usage).
    private const string BenchInvocation = "dotnet run -c Release --project bench/Cleanup.Bench --";

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md" };
        foreach (var page in Directory.GetFiles(Repo.Path("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add($"docs/{Path.GetFileName(page)}");
        }

        return pages;
    }

    [Fact]
    public void Readme_IsAFrontPageOfAtMost12KB()
    {
        var bytes = new FileInfo(Repo.Path("README.md")).Length;

        Assert.True(bytes <= 12 * 1024, $"README.md is {bytes} bytes; details belong in docs/");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLinkAndAnchor_Resolves(string page)
    {
        var text = File.ReadAllText(Repo.Path(page));
        var broken = new List<string>();
        foreach (Match link in LinkPattern().Matches(WithoutCode(text)))
        {
            var target = link.Groups["target"].Value;
            if (target.StartsWith("http", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var path = file.Length == 0 ? Repo.Path(page) : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Repo.Path(page))!, file));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                broken.Add($"{target} (no such file)");
            }
            else if (hash >= 0 && File.Exists(path) && !Anchors(File.ReadAllText(path)).Contains(target[(hash + 1)..]))
            {
                broken.Add($"{target} (no such heading)");
            }
        }

        Assert.True(broken.Count == 0, $"{page}: {string.Join("; ", broken)}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryShellBlock_IsValidBash(string page)
    {
        foreach (var block in ShellBlocks(File.ReadAllText(Repo.Path(page))))
        {
            var start = new ProcessStartInfo("bash", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true };
            using var bash = Process.Start(start)!;
            await bash.StandardInput.WriteAsync(block);
            bash.StandardInput.Close();
            var errors = await bash.StandardError.ReadToEndAsync();
            await bash.WaitForExitAsync();

            Assert.True(bash.ExitCode == 0, $"{page}: a shell block does not parse: {errors}\n{block}");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryCleanupCommand_NamesACommandAndFlagsTheCliHas(string page)
    {
        var flags = CliFlags();
        var wrong = new List<string>();
        foreach (var line in ShellBlocks(File.ReadAllText(Repo.Path(page))).SelectMany(b => b.Split('\n')))
        {
            var code = line.Split(" #")[0].Trim();
            var match = CleanupCommandPattern().Match(code);
            if (!match.Success)
            {
                continue;
            }

            var words = match.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || (!_commands.Contains(words[0]) && !words[0].StartsWith("--", StringComparison.Ordinal)))
            {
                wrong.Add($"{code} (no such command)");
            }

            wrong.AddRange(words.Where(w => w.StartsWith("--", StringComparison.Ordinal)).Select(w => w.Split('=')[0]).Where(f => !flags.Contains(f)).Select(f => $"{code} ({f})"));
        }

        Assert.True(wrong.Count == 0, $"{page}: {string.Join("; ", wrong)}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryBenchCommand_IsTheBenchInvocationWithFlagsTheBenchHas(string page)
    {
        var flags = SourceFlags("bench/Cleanup.Bench");
        var wrong = new List<string>();
        foreach (var line in ShellBlocks(File.ReadAllText(Repo.Path(page))).SelectMany(b => b.Split('\n')))
        {
            var code = line.Split(" #")[0].Trim();
            if (!code.Contains("Cleanup.Bench", StringComparison.Ordinal))
            {
                continue;
            }

            if (!code.StartsWith(BenchInvocation + " ", StringComparison.Ordinal))
            {
                wrong.Add($"{code} (not `{BenchInvocation} ...`)");
                continue;
            }

            var words = code[BenchInvocation.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            wrong.AddRange(words.Select(w => w.Trim('[', ']')).Where(w => w.StartsWith("--", StringComparison.Ordinal)).Where(f => !flags.Contains(f)).Select(f => $"{code} ({f})"));
        }

        Assert.True(wrong.Count == 0, $"{page}: {string.Join("; ", wrong)}");
    }

    [Fact]
    public void BenchInvocation_IsTheOneTheBenchPrints()
    {
        Assert.Contains($"\"{BenchInvocation}\"", File.ReadAllText(Repo.Path("bench/Cleanup.Bench/BenchCommand.cs")), StringComparison.Ordinal);
        Assert.Contains("--burst", SourceFlags("bench/Cleanup.Bench"));
        Assert.DoesNotContain("--burst", CliFlags());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRepositoryPathNamed_Exists(string page)
    {
        var missing = PathPattern().Matches(File.ReadAllText(Repo.Path(page)))
            .Select(m => m.Groups["path"].Value.TrimEnd('.', ',', ':', ')'))
            .Where(p => !p.Contains('<', StringComparison.Ordinal) && !p.Contains('*', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Where(p => !File.Exists(Repo.Path(p)) && !Directory.Exists(Repo.Path(p)))
            .ToList();

        Assert.True(missing.Count == 0, $"{page} names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void GithubAnchors_AreComputedAsGithubDoes()
    {
        Assert.Contains("organisation-wide-stacksets", Anchors("### Organisation-wide (StackSets)"));
        Assert.Contains("one-sweep-at-a-time", Anchors("## One sweep at a time"));
        Assert.Contains("ssm-getparameter--putparameter-sweep-lease", Anchors("## SSM GetParameter / PutParameter (sweep lease)"));
    }

    private static HashSet<string> Anchors(string markdown) =>
        [.. WithoutCode(markdown).Split('\n')
            .Where(l => l.StartsWith('#'))
            .Select(l => l.TrimStart('#').Trim().ToLowerInvariant())
            .Select(h => AnchorDropPattern().Replace(h, string.Empty).Replace(' ', '-'))];

    private static IEnumerable<string> ShellBlocks(string markdown)
    {
        foreach (Match block in ShellBlockPattern().Matches(markdown))
        {
            yield return block.Groups["body"].Value;
        }
    }

    // Flags the command line declares: every "--name" literal in its source, and the parser's own.
    private static HashSet<string> CliFlags() => ["--help", "--version", .. SourceFlags("src/Cleanup.Cli")];

    // Every "--name" literal in a project's source.
    private static HashSet<string> SourceFlags(string project) =>
        [.. Directory.GetFiles(Repo.Path(project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => FlagLiteralPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups["flag"].Value))];

    private static string WithoutCode(string markdown) => CodeBlockPattern().Replace(markdown, string.Empty);

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlockPattern();

    [GeneratedRegex(@"```.*?```", RegexOptions.Singleline)]
    private static partial Regex CodeBlockPattern();

    [GeneratedRegex(@"^(?:dotnet run --project src/Cleanup\.Cli --|dotnet src/Cleanup\.Cli/bin/\S+/Cleanup\.Cli\.dll|(?:\S*/)?cleanup)\s(?<rest>[^&|;]*)")]
    private static partial Regex CleanupCommandPattern();

    [GeneratedRegex("\"(?<flag>--[a-z][a-z-]*)\"")]
    private static partial Regex FlagLiteralPattern();

    [GeneratedRegex(@"(?<![\w/.-])(?<path>(?:src|bench|events|tools|tests|docs)/[\w./-]+)")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex AnchorDropPattern();
}
