using Cleanup.Options;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>
/// The CLEANUP_* behaviour settings as flags of `sweep` and `invoke`: a flag wins over its variable and is validated
/// by the function's own parsing, its error naming the flag.
/// </summary>
public class BehaviourFlagTests
{
    public static TheoryData<string, string> Flags => new()
    {
        { "--clusters", EnvironmentOptions.ClustersVariable },
        { "--tag-prefix", EnvironmentOptions.TagPrefixVariable },
        { "--registration-grace", EnvironmentOptions.RegistrationGraceVariable },
        { "--offline-grace", EnvironmentOptions.OfflineGraceVariable },
        { "--unused-activation-grace", EnvironmentOptions.UnusedActivationGraceVariable },
        { "--max-deletions", EnvironmentOptions.MaxDeletionsVariable },
        { "--max-deletion-percent", EnvironmentOptions.MaxDeletionPercentVariable },
        { "--brake-min-fleet", EnvironmentOptions.BrakeMinFleetVariable },
        { "--legacy-mode", EnvironmentOptions.LegacyModeVariable },
        { "--legacy-name", EnvironmentOptions.LegacyNameVariable },
        { "--node-hour-price", EnvironmentOptions.NodeHourPriceVariable },
        { "--max-attempts", EnvironmentOptions.MaxAttemptsVariable },
        { "--timeout", EnvironmentOptions.TimeoutVariable },
    };

    [Fact]
    public async Task SweepHelp_ListsEveryBehaviourFlagWithItsDefaultAndVariable()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync(new Dictionary<string, string?>(), "sweep", "--help");

        Assert.Equal(0, exit);
        var lines = stdout.Split('\n');
        foreach (var (flag, variable) in Flags.Select(r => ((string)r[0], (string)r[1])))
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal));
            Assert.Contains("Default: ", line, StringComparison.Ordinal);
            Assert.Contains(variable, line, StringComparison.Ordinal);
        }

        Assert.Contains(lines, l => l.Contains("--registration-grace", StringComparison.Ordinal) && l.Contains("Default: 10,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("--max-deletion-percent", StringComparison.Ordinal) && l.Contains("Default: 25,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--offline-grace", "0")]
    [InlineData("--registration-grace", "ten")]
    [InlineData("--max-deletion-percent", "101")]
    [InlineData("--legacy-mode", "sometimes")]
    [InlineData("--clusters", "not a cluster")]
    [InlineData("--tag-prefix", "aws:mine")]
    [InlineData("--node-hour-price", "-1")]
    [InlineData("--timeout", "1")]
    public async Task Sweep_BadFlagValue_ExitsTwoInOneLineNamingTheFlagAndCallsNothing(string flag, string value)
    {
        await using var h = await EmulatorHarness.StartAsync();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", flag, value);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(flag, line, StringComparison.Ordinal);
        Assert.DoesNotContain(EnvironmentOptions.LegacyModeVariable, flag == "--legacy-mode" ? line : string.Empty, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Calls.All());
    }

    [Fact]
    public async Task Sweep_BadVariable_IsStillNamedByTheVariable()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var environment = h.CliEnvironment();
        environment[EnvironmentOptions.OfflineGraceVariable] = "0";

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "sweep");

        Assert.Equal(2, exit);
        Assert.Contains(EnvironmentOptions.OfflineGraceVariable, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--offline-grace", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_MaxDeletionsFlag_OverridesTheVariableBothWays()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var environment = h.CliEnvironment();
        environment[EnvironmentOptions.MaxDeletionsVariable] = "0";

        // The variable alone trips the brake on the one removal; the flag lifts it.
        var (braked, _, _) = await CliProcess.RunAsync(environment, "sweep", "--apply");
        Assert.Equal(3, braked);
        Assert.True(h.HasNode(dead[0].InstanceId));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(environment, "sweep", "--apply", "--max-deletions", "5");

        Assert.True(exit == 0, stdout + stderr);
        Assert.False(h.HasNode(dead[0].InstanceId));
    }

    [Fact]
    public async Task Sweep_ClustersFlag_KeepsTheNodesOfOtherClusters()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 0, stopped: 1, cluster: "shells");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--apply", "--clusters", "batch,web");

        Assert.True(exit == 0, stdout + stderr);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
        Assert.Contains("cluster-not-allowed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_TagPrefixFlag_ClaimsOnlyWhatCarriesThatPrefix()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 0, stopped: 1);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--apply", "--tag-prefix", "someone-else");

        Assert.True(exit == 0, stdout + stderr);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Invoke_SweepOnlyFlag_IsUnknownThere()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string?>(), "invoke", "events/task-stopped.json", "--legacy-mode", "act");

        Assert.Equal(2, exit);
        Assert.Contains("--legacy-mode", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCliFlags_AreTheRowsFlags_WithTheirExistingNames()
    {
        var rows = Settings.All.Where(s => s.Flag is not null).Select(s => (s.Flag!.Name, s.Variable));
        var flags = Flags.Select(r => ((string)r[0], (string)r[1]));

        Assert.Equal(flags.Order(), rows.Order());
    }
}
