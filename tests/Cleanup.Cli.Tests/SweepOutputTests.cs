using System.Text.Json;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>
/// What `cleanup sweep` shows: a few lines a person reads (what changes, what failed or needs a look, the rest
/// counted), the status alone with --quiet, the full result with --output json, the decision log only with --log.
/// </summary>
public class SweepOutputTests
{
    [Fact]
    public async Task Sweep_EightItems_DefaultOutputIsShortAndCarriesWhatMatters()
    {
        var (h, live, dead) = await RealTimeFleet.StartAsync(("shells", 3, 1));
        await using var running = h;

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep");

        Assert.True(exit == 0, stderr);
        var lines = Lines(stdout).Concat(Lines(stderr)).ToList();
        // Header (4) and progress (3) on stderr; the table's header, 2 rows, the counts, the cost and the status on stdout.
        Assert.True(lines.Count <= 15, $"{lines.Count} lines:\n{stdout}\n{stderr}");
        Assert.Equal(2, Lines(stdout).Count(l => l.Contains("would-remove", StringComparison.Ordinal)));
        Assert.Contains(Lines(stdout), l => l.StartsWith(dead[0].InstanceId!, StringComparison.Ordinal));
        Assert.Contains(Lines(stdout), l => l.StartsWith(dead[0].ActivationId, StringComparison.Ordinal));
        Assert.All(live, t => Assert.DoesNotContain(t.InstanceId!, stdout, StringComparison.Ordinal));
        Assert.Contains("kept, not listed: 3 activation-in-use, 3 task-alive", stdout, StringComparison.Ordinal);
        Assert.Equal("8 items: 2 to remove, 6 kept. succeeded: dry-run: 2 items would be removed, nothing was deleted", Lines(stdout)[^1]);
        Assert.Contains("mode:     dry run", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    [Fact]
    public async Task Sweep_Quiet_PrintsOnlyTheStatusLine()
    {
        var (h, _, _) = await RealTimeFleet.StartAsync(("shells", 1, 1));
        await using var running = h;

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--quiet");

        Assert.True(exit == 0, stderr);
        Assert.Equal("4 items: 2 to remove, 2 kept. succeeded: dry-run: 2 items would be removed, nothing was deleted", Assert.Single(Lines(stdout)));
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Sweep_QuietFailure_StillPrintsTheErrorLine()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 1, stopped: 1);
        h.Emulator.Faults.FailNext("DescribeInstanceInformation", times: 100, statusCode: 400, code: "AccessDeniedException");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "-q");

        Assert.Equal(7, exit);
        Assert.StartsWith("failed: reading the inventory failed (AccessDeniedException): User: ", Assert.Single(Lines(stdout)), StringComparison.Ordinal);
        Assert.StartsWith("AWS denied a permission", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_OutputJson_IsTheFullResultWithEveryItem()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 3, stopped: 1);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "-o", "json", "-q");

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal(8, result.RootElement.GetProperty("items").GetArrayLength());
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Sweep_Log_WritesTheDecisionLogToStderrAndOnlyThen()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 1, stopped: 1);

        var (_, _, withLog) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep", "--log");
        var (_, _, without) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep");

        var messages = Lines(withLog).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.TryGetProperty("message", out var m) ? m.GetString() : null).ToList();
        // As the Lambda logs it (CLEANUP_LOG_DECISIONS=changes): a line per change, the live task's keep only counted.
        Assert.Equal(3, messages.Count(m => m == "decision"));
        Assert.Single(messages, m => m == "kept, counted");
        Assert.DoesNotContain(Lines(without), l => l.StartsWith('{'));
    }

    [Fact]
    public async Task Sweep_KeepThatNeedsAttention_IsListedNotCounted()
    {
        var (h, live, _) = await RealTimeFleet.StartAsync(("denied", 1, 1), ("shells", 1, 0));
        await using var running = h;
        h.Emulator.Faults.FailForCluster("DescribeTasks", "denied");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(h.CliEnvironment(), "sweep");

        Assert.True(exit == 0, stderr);
        var row = Assert.Single(Lines(stdout), l => l.StartsWith(live[0].InstanceId!, StringComparison.Ordinal));
        Assert.Contains("kept", row, StringComparison.Ordinal);
        Assert.Contains("ecs-access-denied", row, StringComparison.Ordinal);
        Assert.True(Lines(stdout)[^1].Contains("ECS denied access to 1 cluster(s) (arn:aws:ecs:us-east-1:123456789012:cluster/denied)", StringComparison.Ordinal), stdout);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
