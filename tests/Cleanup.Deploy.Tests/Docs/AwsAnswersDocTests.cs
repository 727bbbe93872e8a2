using System.Text.RegularExpressions;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Docs;

/// <summary>
/// Keeps docs/aws-answers.md true: every test it names exists, and every AWS operation the adapters call has its
/// section. A renamed test or a new call without a row fails here, not in a reader's hands.
/// </summary>
public partial class AwsAnswersDocTests
{
    private const string DocPath = "docs/aws-answers.md";

    // What the matrix must cover at least, as the issue lists it; the adapters' own calls are found in their source.
    private static readonly string[] _knownOperations =
    [
        "DescribeInstanceInformation", "DescribeActivations", "ListTagsForResource", "DeregisterManagedInstance",
        "DeleteActivation", "AddTagsToResource", "GetParameter", "PutParameter", "DescribeTasks", "ListTasks",
        "ListClusters", "GetCallerIdentity",
    ];

    [Fact]
    public void EveryTestTheDocNames_ExistsAsATestMethod()
    {
        var methods = TestMethodNames();
        var named = NamedTests(File.ReadAllText(Repo.Path(DocPath)));

        var missing = named.Where(n => !methods.Contains(n)).Order(StringComparer.Ordinal).ToList();

        // A doc that names hardly any test would pass trivially.
        Assert.True(named.Count >= 100, $"{DocPath} names only {named.Count} tests");
        Assert.True(missing.Count == 0, $"{DocPath} names tests that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryOperationTheAdaptersCall_HasASection()
    {
        var called = CalledOperations();
        var headings = File.ReadAllLines(Repo.Path(DocPath)).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();

        var missing = called.Where(op => !headings.Any(h => Regex.IsMatch(h, $@"\b{op}\b"))).Order(StringComparer.Ordinal).ToList();

        Assert.Superset(_knownOperations.ToHashSet(StringComparer.Ordinal), called);
        Assert.True(missing.Count == 0, $"{DocPath} has no section for: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("`Sweep_OneClusterDenied_KeepsItsItemsAndTheRestConvergesRunAfterRun`", true)]
    [InlineData("`QueuedBatch_UnderFault_TouchesOnlyTheDeadAndAFollowingSweepConverges` (DescribeTasks5xx)", true)]
    [InlineData("`CLEANUP_MAX_ATTEMPTS`", false)]
    [InlineData("`ClusterNotFoundException`", false)]
    [InlineData("`task-status-unknown`", false)]
    [InlineData("`CLEANUP_LEGACY_MODE=act`", false)]
    public void NamedTests_AreIdentifiersWithAnUnderscoreAndLowerCase_NotEnvironmentVariablesOrCodes(string text, bool isTest) =>
        Assert.Equal(isTest, NamedTests(text).Count == 1);

    /// <summary>Backticked identifiers that start upper-case and hold an underscore and a lower-case letter.</summary>
    internal static HashSet<string> NamedTests(string markdown) =>
        [.. Backticked().Matches(markdown).Select(m => m.Groups[1].Value)
            .Where(s => TestLike().IsMatch(s) && s.Contains('_', StringComparison.Ordinal) && s.Any(char.IsLower))];

    private static HashSet<string> TestMethodNames() =>
        [.. SourceFiles("tests").SelectMany(f => MethodDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))];

    // The SDK clients' calls in the adapters (SSM, ECS) and the CLI's caller-identity call (STS).
    private static HashSet<string> CalledOperations() =>
        [.. SourceFiles("src/Cleanup/Aws").Append(Repo.Path("src/Cleanup.Cli/Commands/CallerAccount.cs"))
            .SelectMany(f => ClientCall().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))];

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Repo.Path(folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9_]*$")]
    private static partial Regex TestLike();

    [GeneratedRegex(@"\b(?:Task|ValueTask|void)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex MethodDeclaration();

    [GeneratedRegex(@"\b(?:ssm|ecs|sts)\.([A-Z][A-Za-z]+)Async\(")]
    private static partial Regex ClientCall();
}
