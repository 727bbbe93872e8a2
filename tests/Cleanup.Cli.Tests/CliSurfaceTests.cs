using System.Reflection;
using Cleanup.Cli;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>The command line itself: help, version, bad flags, and the exit codes of AWS access problems without AWS.</summary>
public class CliSurfaceTests
{
    private static readonly Dictionary<string, string?> _none = [];

    [Theory]
    [InlineData("--help")]
    [InlineData("demo", "--help")]
    [InlineData("invoke", "--help")]
    [InlineData("sweep", "--help")]
    [InlineData("emulator", "--help")]
    [InlineData("sweep", "-h")]
    public async Task Help_OnEveryCommand_GoesToStdoutWithExitZero(params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(_none, args);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Help_NamesApplyProfileRegionAndTheExitCodes()
    {
        var (_, sweep, _) = await CliProcess.RunAsync(_none, "sweep", "--help");
        var (_, root, _) = await CliProcess.RunAsync(_none, "--help");

        Assert.Contains("--apply", sweep, StringComparison.Ordinal);
        Assert.Contains("--profile", sweep, StringComparison.Ordinal);
        Assert.Contains("--region", sweep, StringComparison.Ordinal);
        Assert.Contains("--output", sweep, StringComparison.Ordinal);
        Assert.Contains("7  AWS denied a permission", root, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheFourCommands_AndNoBench()
    {
        var (_, root, _) = await CliProcess.RunAsync(_none, "--help");

        Assert.All(new[] { "demo", "invoke", "sweep", "emulator" }, command => Assert.Matches($@"(?m)^\s+{command}\b", root));
        Assert.DoesNotContain("bench", root, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("bench", "--sweep-worker")]
    public async Task Bench_IsNoCommandOfTheTool_ExitTwo(params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(_none, args);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("bench", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheInformationalVersionWithExitZero()
    {
        var expected = typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var (exit, stdout, _) = await CliProcess.RunAsync(_none, "--version");

        Assert.Equal(0, exit);
        Assert.Equal(expected, stdout.Trim());
    }

    [Theory]
    [InlineData("--force", "sweep", "--force")]
    [InlineData("--bogus", "invoke", "event.json", "--bogus")]
    [InlineData("--nope", "emulator", "--nope")]
    [InlineData("xml", "sweep", "--output", "xml")]
    [InlineData("frobnicate", "frobnicate")]
    public async Task UnknownOrBadFlag_IsNamedInOneLineWithExitTwo(string named, params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(_none, args);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("invoke")]
    public async Task MissingCredentials_IsExitFourInOneLine(string command)
    {
        var config = Path.GetTempFileName();
        var credentials = Path.GetTempFileName();
        var environment = new Dictionary<string, string?>
        {
            ["AWS_REGION"] = "us-east-1",
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
        };
        string[] args = command == "sweep" ? ["sweep"] : ["invoke", Repo.Path("events/task-stopped.json")];

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, args);

        Assert.Equal(4, exit);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("no AWS credentials", line, StringComparison.Ordinal);
        Assert.Contains("--profile", line, StringComparison.Ordinal);
        File.Delete(config);
        File.Delete(credentials);
    }

    [Fact]
    public async Task MissingRegion_IsExitFiveInOneLine()
    {
        var environment = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "test", ["AWS_SECRET_ACCESS_KEY"] = "test" };

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep");

        Assert.Equal(5, exit);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("--region", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProfile_IsExitFourNamingIt()
    {
        var environment = new Dictionary<string, string?> { ["AWS_REGION"] = "us-east-1" };

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep", "--profile", "nosuch");

        Assert.Equal(4, exit);
        Assert.Contains("'nosuch'", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccessDeniedException", ExitCodes.PermissionDenied)]
    [InlineData("AccessDenied", ExitCodes.PermissionDenied)]
    [InlineData("UnrecognizedClientException", ExitCodes.Credentials)]
    [InlineData("ExpiredTokenException", ExitCodes.Credentials)]
    [InlineData("ClientError", ExitCodes.Network)]
    [InlineData("Timeout", ExitCodes.Network)]
    [InlineData("ThrottlingException", ExitCodes.Failed)]
    public void FailedRun_InventoryReadError_MapsToItsExitCode(string code, int expected)
    {
        var result = RunResult.NotRun(RunStatus.Failed, $"reading the inventory failed ({code}): no; nothing was deleted", dryRun: true, eventId: null) with { ErrorCode = code };

        var (exit, line) = ExitCodes.Of(result);

        Assert.Equal(expected, exit);
        Assert.NotNull(line);
        Assert.DoesNotContain('\n', line);
    }
}
