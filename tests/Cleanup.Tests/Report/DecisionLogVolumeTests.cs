using System.Reflection;
using System.Text.Json.Nodes;
using Cleanup.Emulator;
using Cleanup.Execute;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Report;

/// <summary>
/// A sweep's log grows with what changed, not with the fleet: the steady-state keeps of live nodes are counted in
/// one line, removals and anomalies keep a line each, and CLEANUP_LOG_DECISIONS=all logs every decision for an
/// audit. The run's result (what the CLI prints) lists every item either way.
/// </summary>
public class DecisionLogVolumeTests
{
    [Fact]
    public async Task Sweep_SteadyFleet_WritesTheSameFewLinesForFiveLiveNodesAsForTwenty()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 5, stopped: 0);
        var small = await h.SweepAsync();
        var smallLines = Lines(h);
        h.Log.GetStringBuilder().Clear();
        await h.SettledFleetAsync(running: 15, stopped: 0);

        var large = await h.SweepAsync();

        var lines = Lines(h);
        Assert.Equal(smallLines.Count, lines.Count);
        Assert.DoesNotContain(lines, l => (string?)l["message"] == "decision");
        var counted = Assert.Single(lines, l => (string?)l["message"] == "kept, counted");
        Assert.Equal(40, (int?)counted["count"]);
        Assert.Equal(20, (int?)counted["byReason"]![Reasons.TaskAlive]);
        Assert.Equal(20, (int?)counted["byReason"]![Reasons.ActivationInUse]);
        // The result, which the CLI prints, still has every item.
        Assert.Equal(10, small.Items.Count);
        Assert.Equal(40, large.Items.Count);
        Assert.All(large.Items, i => Assert.Contains(i.Decision.ResourceId, RunResultJson.Serialize(large), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_LogDecisionsAll_WritesOneLinePerDecision()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Options = h.Options with { LogDecisions = DecisionLogging.All };
        await h.SettledFleetAsync(running: 20, stopped: 0);

        await h.SweepAsync();

        var lines = Lines(h);
        Assert.Equal(40, lines.Count(l => (string?)l["message"] == "decision" && (string?)l["outcome"] == "kept"));
        Assert.DoesNotContain(lines, l => (string?)l["message"] == "kept, counted");
    }

    [Fact]
    public async Task Sweep_RemovalsAmongLiveNodes_AreLoggedOneByOne()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 10, stopped: 2);

        await h.SweepAsync();

        var decisions = Lines(h).Where(l => (string?)l["message"] == "decision").ToList();
        Assert.Equal(4, decisions.Count);
        Assert.All(decisions, d => Assert.Equal("removed", (string?)d["outcome"]));
        Assert.All(dead, t => Assert.Contains(decisions, d => (string?)d["id"] == t.InstanceId));
        Assert.Equal(20, (int?)Assert.Single(Lines(h), l => (string?)l["message"] == "kept, counted")["count"]);
    }

    [Fact]
    public async Task Sweep_DryRun_LogsWhatWouldBeRemoved()
    {
        await using var h = await EmulatorHarness.StartAsync();
        h.Options = h.Options with { DryRun = true };
        await h.SettledFleetAsync(running: 3, stopped: 1);

        await h.SweepAsync();

        Assert.Equal(2, Lines(h).Count(l => (string?)l["message"] == "decision" && (string?)l["outcome"] == "would-remove"));
    }

    public static TheoryData<string> AnomalousKeeps() =>
        [.. typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(r => !SteadyKeeps.All.Contains(r))];

    [Theory]
    [MemberData(nameof(AnomalousKeeps))]
    public void Changes_AKeepThatIsNotTheSteadyState_GetsItsOwnLine(string reason)
    {
        using var log = new StringWriter();

        new RunLog(log, new ManualClock(EmulatorHarness.Start)).WriteDecision(Kept(reason), "event-1", dryRun: false);

        var line = JsonNode.Parse(log.ToString())!;
        Assert.Equal("decision", (string?)line["message"]);
        Assert.Equal(reason, (string?)line["reason"]);
    }

    [Theory]
    [InlineData(OutcomeStatus.Braked)]
    [InlineData(OutcomeStatus.Deferred)]
    [InlineData(OutcomeStatus.Failed)]
    [InlineData(OutcomeStatus.Removed)]
    [InlineData(OutcomeStatus.AlreadyGone)]
    [InlineData(OutcomeStatus.WouldRemove)]
    public void Changes_AnythingButAKeep_GetsItsOwnLine(OutcomeStatus status)
    {
        using var log = new StringWriter();
        var item = new ItemOutcome(new Decision(ResourceKind.Node, "mi-0123456789abcdef0", PlannedAction.Deregister, Reasons.TaskStopped, null, new Dictionary<string, string>()), status);

        new RunLog(log, new ManualClock(EmulatorHarness.Start)).WriteDecision(item, "event-1", dryRun: false);

        Assert.Equal("decision", (string?)JsonNode.Parse(log.ToString())!["message"]);
    }

    [Fact]
    public void SteadyKeeps_AreReasonsThePlannerGives()
    {
        var reasons = typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        Assert.All(SteadyKeeps.All, r => Assert.Contains(r, reasons));
        Assert.DoesNotContain(Reasons.TaskStatusUnknown, SteadyKeeps.All);
        Assert.DoesNotContain(Reasons.EcsAccessDenied, SteadyKeeps.All);
        Assert.DoesNotContain(Reasons.OwnershipUnproven, SteadyKeeps.All);
        Assert.DoesNotContain(Reasons.PingedAfterStop, SteadyKeeps.All);
    }

    private static ItemOutcome Kept(string reason) =>
        new(new Decision(ResourceKind.Node, "mi-0123456789abcdef0", PlannedAction.Keep, reason, null, new Dictionary<string, string>()), OutcomeStatus.Kept);

    private static List<JsonNode> Lines(EmulatorHarness h) =>
        [.. h.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
}
