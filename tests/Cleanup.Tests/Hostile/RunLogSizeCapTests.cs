using System.Text.Json;
using Cleanup.Emulator;
using Cleanup.Execute;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Hostile;

/// <summary>No log line is longer than <see cref="RunLog.MaxLineBytes"/>, and a line that would be is still one JSON object.</summary>
public class RunLogSizeCapTests
{
    private static Decision Decision(string id, IReadOnlyDictionary<string, string> evidence) =>
        new(ResourceKind.Node, id, PlannedAction.Deregister, Reasons.TaskStopped, "arn:aws:ecs:us-east-1:123456789012:task/shells/abc", evidence);

    private static List<JsonElement> Lines(StringWriter log) =>
        [.. log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= RunLog.MaxLineBytes, $"a line of {line.Length} chars");
            return JsonDocument.Parse(line).RootElement.Clone();
        })];

    [Fact]
    public void WriteDecision_EvidenceOverTheCap_DropsTheEvidenceAndSaysSo()
    {
        using var log = new StringWriter();
        var evidence = new Dictionary<string, string> { ["tags"] = new string('e', 100_000) };

        new RunLog(log, new ManualClock(EmulatorHarness.Start)).WriteDecision(new ItemOutcome(Decision("mi-0123456789abcdef0", evidence), OutcomeStatus.Removed), "event-1", dryRun: false);

        var line = Assert.Single(Lines(log));
        Assert.True(line.GetProperty("truncated").GetBoolean());
        Assert.False(line.TryGetProperty("evidence", out _));
        Assert.Equal("mi-0123456789abcdef0", line.GetProperty("id").GetString());
        Assert.Equal("removed", line.GetProperty("outcome").GetString());
    }

    [Fact]
    public void WriteDecision_EveryValueOverTheCap_StillWritesOneCappedLine()
    {
        using var log = new StringWriter();
        var huge = new string('x', 100_000);
        var outcome = new ItemOutcome(Decision(huge, new Dictionary<string, string>()) with { Reason = huge, TaskArn = huge }, OutcomeStatus.Failed, huge, huge);

        new RunLog(log, new ManualClock(EmulatorHarness.Start)).WriteDecision(outcome, "event-1", dryRun: true);

        var line = Assert.Single(Lines(log));
        Assert.True(line.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public void WriteMessage_DetailOverTheCap_BecomesALineSayingHowLongItWas()
    {
        using var log = new StringWriter();

        new RunLog(log, new ManualClock(EmulatorHarness.Start)).WriteMessage("m-1", "error", "message rejected", new string('d', 50_000), dryRun: false);

        var line = Assert.Single(Lines(log));
        Assert.True(line.GetProperty("truncated").GetBoolean());
        Assert.True(line.GetProperty("bytes").GetInt32() > RunLog.MaxLineBytes);
    }

    [Fact]
    public void WriteDecision_UnderTheCap_IsUnchanged()
    {
        using var log = new StringWriter();
        var evidence = new Dictionary<string, string> { ["pingStatus"] = "Online" };

        new RunLog(log, new ManualClock(EmulatorHarness.Start)).WriteDecision(new ItemOutcome(Decision("mi-1", evidence), OutcomeStatus.Removed), "event-1", dryRun: false);

        var line = Assert.Single(Lines(log));
        Assert.False(line.TryGetProperty("truncated", out _));
        Assert.Equal("Online", line.GetProperty("evidence").GetProperty("pingStatus").GetString());
    }
}
