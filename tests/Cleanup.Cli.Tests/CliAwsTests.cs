using System.Text.Json;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>
/// `cleanup sweep` and `invoke` against the emulator in a child process: dry run unless --apply, the banner, where
/// the region and the credentials come from (--region, --profile with its config and credentials files), and the
/// exit codes of an unreachable endpoint and a denied permission.
/// </summary>
public class CliAwsTests
{
    private static Dictionary<string, string?> Environment(EmulatorHarness h) => h.CliEnvironment();

    [Fact]
    public async Task Sweep_WithoutApply_IsADryRunAndSaysSo()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment(h), "sweep");

        Assert.True(exit == 0, stderr);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
        Assert.Contains("would-remove", stdout, StringComparison.Ordinal);
        Assert.Contains("account:  123456789012 (from caller identity", stderr, StringComparison.Ordinal);
        Assert.Contains("region:   us-east-1 (from AWS_REGION)", stderr, StringComparison.Ordinal);
        Assert.Contains($"endpoint: ssm {h.Emulator.Url}  ecs {h.Emulator.Url}", stderr, StringComparison.Ordinal);
        Assert.Contains("mode:     dry run: nothing is deleted (pass --apply to delete)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_Apply_DeletesAndTheBannerSaysSoBeforeAnyCall()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (live, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var environment = Environment(h);
        environment["CLEANUP_ACCOUNT_ID"] = "123456789012";

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep", "--apply", "--output", "json", "--log");

        Assert.True(exit == 0, stderr);
        Assert.False(h.HasNode(dead[0].InstanceId));
        Assert.True(h.HasNode(live[0].InstanceId));
        Assert.Contains("account:  123456789012 (from CLEANUP_ACCOUNT_ID)", stderr, StringComparison.Ordinal);
        var mode = stderr.IndexOf("mode:     APPLY: deletions enabled", StringComparison.Ordinal);
        Assert.True(mode >= 0, stderr);
        // The banner comes before the run's first log line.
        Assert.True(stderr.IndexOf("{", StringComparison.Ordinal) > mode, stderr);
    }

    [Fact]
    public async Task Sweep_ApplyWithConfiguredDryRun_StaysADryRunAndSaysWhy()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var environment = Environment(h);
        environment["CLEANUP_DRY_RUN"] = "true";

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep", "--apply");

        Assert.True(exit == 0, stderr);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
        Assert.Contains("CLEANUP_DRY_RUN=true overrides --apply", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_DryRunFlagWinsOverConfiguredFalse()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var environment = Environment(h);
        environment["CLEANUP_DRY_RUN"] = "false";

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep", "--dry-run", "--apply");

        Assert.True(exit == 0, stderr);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Invoke_WithoutApply_IsADryRun()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 0, stopped: 1);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, h.StoppedEventAfterGrace(dead[0]));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment(h), "invoke", file, "--output", "json");

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        Assert.True(result.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
        Assert.Contains("mode:     dry run", stderr, StringComparison.Ordinal);
        File.Delete(file);
    }

    [Fact]
    public async Task Sweep_JsonOutput_IsPlainJsonWithoutNeedlessEscapes()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 1, stopped: 1);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment(h), "sweep", "--output", "json");

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("succeeded", result.RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain("\\u00", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("STATUS SOURCE", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_RegionFlag_WinsOverTheEnvironment()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var environment = Environment(h);
        environment["AWS_REGION"] = "eu-west-1";

        var (_, stdout, stderr) = await CliProcess.RunAsync(environment, "sweep", "--region", "us-east-1", "--output", "json");

        Assert.Contains("region:   us-east-1 (from --region)", stderr, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("succeeded", result.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sweep_Profile_TakesRegionAndCredentialsFromTheConfigAndCredentialsFiles()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var config = Path.GetTempFileName();
        var credentials = Path.GetTempFileName();
        await File.WriteAllTextAsync(config, "[default]\nregion = eu-central-1\n\n[profile ops]\nregion = us-east-1\n");
        await File.WriteAllTextAsync(credentials, "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = secret\n");
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = h.Emulator.Url.ToString().TrimEnd('/'),
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
        };

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep", "--profile", "ops", "--apply");
        var (withoutProfile, _, _) = await CliProcess.RunAsync(environment, "sweep");

        Assert.True(exit == 0, stderr);
        Assert.Contains("region:   us-east-1 (from profile 'ops')", stderr, StringComparison.Ordinal);
        Assert.Contains("account:  123456789012 (from caller identity", stderr, StringComparison.Ordinal);
        Assert.False(h.HasNode(dead[0].InstanceId));
        // The same files without --profile: the default profile's region, and no credentials.
        Assert.Equal(4, withoutProfile);
        File.Delete(config);
        File.Delete(credentials);
    }

    [Fact]
    public async Task Sweep_UnreachableEndpoint_IsExitSixInOneLine()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["CLEANUP_MAX_ATTEMPTS"] = "1",
        };

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep");
        environment["CLEANUP_ACCOUNT_ID"] = "123456789012";
        var (exitAfterBanner, _, stderrAfterBanner) = await CliProcess.RunAsync(environment, "sweep");

        Assert.Equal(6, exit);
        Assert.Contains("check the network", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        // No STS call (the account is given): the inventory read is what cannot reach AWS.
        Assert.Equal(6, exitAfterBanner);
        Assert.StartsWith("cannot reach AWS", stderrAfterBanner.Trim().Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_AccessDenied_IsExitSeven()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 1, stopped: 1);
        h.Emulator.Faults.FailNext("DescribeInstanceInformation", times: 100, statusCode: 400, code: "AccessDeniedException");

        var (exit, _, stderr) = await CliProcess.RunAsync(Environment(h), "sweep", "--apply");

        Assert.Equal(7, exit);
        Assert.StartsWith("AWS denied a permission (AccessDeniedException) for ssm:DescribeInstanceInformation:", stderr.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
    }
}
