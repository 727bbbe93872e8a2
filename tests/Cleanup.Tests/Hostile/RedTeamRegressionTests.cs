using System.Text;
using System.Text.Json.Nodes;
using Cleanup.Report;
using Cleanup.Tests.Events;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Hostile;

/// <summary>
/// The red team's reproductions through the deployed handler: each used to crash the handler or be read leniently;
/// now each is refused before any AWS call, in one clear line, and the task's node and activation stay.
/// </summary>
public class RedTeamRegressionTests
{
    public static TheoryData<string, string> Reproductions() => new()
    {
        { "duplicate lastStatus", "\"lastStatus\":\"RUNNING\",\"lastStatus\":\"STOPPED\"" },
        { "duplicate taskArn", "\"taskArn\":\"arn:aws:ecs:us-east-1:123456789012:task/shells/0\",\"taskArn\":TASK" },
        { "stoppedAt 9999-12-31", "\"stoppedAt\":\"9999-12-31T23:59:59Z\"" },
        { "stoppedAt 11/26/2026 10:00", "\"stoppedAt\":\"11/26/2026 10:00\"" },
        { "stoppedAt RFC 1123", "\"stoppedAt\":\"Thu, 26 Nov 2026 10:00:00 GMT\"" },
        { "stoppedAt without a zone", "\"stoppedAt\":\"2026-11-26T09:10:00\"" },
        { "taskArn with a trailing newline", "\"taskArn\":TASKNL" },
        { "taskArn of a megabyte", "\"taskArn\":\"MEGA\"" },
    };

    [Theory]
    [MemberData(nameof(Reproductions))]
    public async Task Handler_RedTeamReproduction_IsRejectedBeforeAnyCall(string name, string replacement)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var json = JsonNode.Parse(h.StoppedEventAfterGrace(task))!.AsObject();
        json["detail"]!.AsObject().Remove("lastStatus");
        json["detail"]!.AsObject().Remove("taskArn");
        json["detail"]!.AsObject().Remove("stoppedAt");
        var fields = replacement
            .Replace("TASKNL", JsonValue.Create(task.TaskArn + "\n").ToJsonString(), StringComparison.Ordinal)
            .Replace("TASK", JsonValue.Create(task.TaskArn).ToJsonString(), StringComparison.Ordinal)
            .Replace("MEGA", new string(HostileInputs.Filler, 1 << 20), StringComparison.Ordinal);
        var defaults = new[] { ("lastStatus", "\"STOPPED\""), ("taskArn", JsonValue.Create(task.TaskArn).ToJsonString()) }
            .Where(d => !fields.Contains($"\"{d.Item1}\"", StringComparison.Ordinal))
            .Select(d => $"\"{d.Item1}\":{d.Item2},");
        var text = json.ToJsonString().Replace("\"detail\":{", $"\"detail\":{{{string.Concat(defaults)}{fields},", StringComparison.Ordinal);
        h.Emulator.Calls.Reset();

        var failure = await Assert.ThrowsAsync<CleanupRunFailedException>(() => new Function(h.Runner()).Handler(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(RunStatus.Rejected, failure.Result!.Status);
        StrictInputTests.AssertClear(failure.Result.Message);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.True(h.HasNode(task.InstanceId), name);
        Assert.True(h.HasActivation(task.ActivationId), name);
        Assert.DoesNotContain(new string(HostileInputs.Filler, 41), h.Log.ToString(), StringComparison.Ordinal);
        Assert.True(h.Log.ToString().Length < 4096, $"the log of a refused event is {h.Log.ToString().Length} chars");
    }

    [Fact]
    public async Task Handler_InvalidUtf8InAString_IsRejectedNotThrown()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var json = Encoding.UTF8.GetBytes(h.StoppedEventAfterGrace(task));
        var at = json.AsSpan().IndexOf("\"STOPPED\""u8) + 1;
        byte[] input = [.. json[..at], 0xff, 0xfe, .. json[at..]];

        var failure = await Assert.ThrowsAsync<CleanupRunFailedException>(() => new Function(h.Runner()).Handler(new MemoryStream(input)));

        Assert.Contains("UTF-8", failure.Result!.Message, StringComparison.Ordinal);
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Handler_LoneSurrogateInAQueuedBody_OnlyThatMessageComesBack()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var good = h.StoppedEventAfterGrace(task);
        // The body's own JSON escapes a lone surrogate: the record is sound, its event is not.
        var bad = good.Replace("\"STOPPED\"", "\"\\ud800\"", StringComparison.Ordinal);

        var result = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(Cleanup.Cli.Demo.SqsBatch.Build([("good-1", good), ("bad-1", bad)])));

        Assert.Equal(["bad-1"], result.BatchResponse?.ItemIdentifiers);
        Assert.Contains("body: the input has a string that is not valid Unicode", h.Log.ToString(), StringComparison.Ordinal);
        Assert.False(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Handler_LoneSurrogateInARecord_RefusesTheWholeBatchAndCallsNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var batch = Cleanup.Cli.Demo.SqsBatch.Build(h.StoppedEventAfterGrace(task)).Replace("STOPPED", "\\ud800", StringComparison.Ordinal);
        h.Emulator.Calls.Reset();

        // SQS never delivers a lone surrogate, so a batch holding one is forged: none of it is trusted.
        var failure = await Assert.ThrowsAsync<CleanupRunFailedException>(() => new Function(h.Runner()).Handler(new MemoryStream(Encoding.UTF8.GetBytes(batch))));

        Assert.Contains("not valid Unicode", failure.Result!.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Handler_SecretInAContainerOverride_NeverReachesTheLog()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var json = JsonNode.Parse(h.StoppedEventAfterGrace(task))!;
        json["detail"]!["overrides"] = JsonNode.Parse($$"""{"containerOverrides":[{"name":"app","environment":[{"name":"DB_PASSWORD","value":"{{HostileInputs.Secret}}"}]}]}""");
        var refused = json.DeepClone();
        refused["detail"]!["stoppedAt"] = "11/26/2026 10:00";

        Assert.Equal(RunStatus.Rejected, (await h.RunAsync(refused.ToJsonString())).Status);
        var result = await h.RunAsync(json.ToJsonString());

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(task.InstanceId));
        Assert.DoesNotContain(HostileInputs.Secret, h.Log.ToString(), StringComparison.Ordinal);
    }
}
