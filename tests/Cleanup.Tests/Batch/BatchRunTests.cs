using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Cli.Demo;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Batch;

/// <summary>The handler's answer to a whole batch over the wire, when the run does not get to report on its tasks.</summary>
public class BatchRunTests
{
    [Fact]
    public async Task RunThatThrowsMidway_FailsEveryAcceptedMessage_IgnoredOnesLeave()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var a = await h.Fleet.RunOnEcsAsync("shells");
        var b = await h.Fleet.RunOnEcsAsync("shells");
        var live = await h.Fleet.RunOnEcsAsync("shells");
        var stopped = new[] { h.StoppedEventAfterGrace(a), h.StoppedEventAfterGrace(b) };
        var batch = SqsBatch.Build([("m-a", stopped[0]), ("m-live", h.Fleet.RunningEvent(live, h.Clock.GetUtcNow())), ("m-b", stopped[1])]);
        // The first decision's log line throws: a removal is done, and the run stops in the middle of the executor.
        var log = new ThrowsOnFirstDecision();
        var ecs = EcsTaskDirectoryFactory.ForEndpoint(h.Options, new BasicAWSCredentials("test", "test"), h.Emulator.Url);
        var runner = new CleanupRunner(new SsmRegistry(h.Ssm), ecs, h.Options, h.Clock, log);

        var answer = await HandleAsync(new Function(runner), batch);

        Assert.True(log.Threw);
        Assert.True(h.DeletingCalls() > 0);
        Assert.Equal(["m-a", "m-b"], answer);
        Assert.Contains("\"status\":\"failed\"", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("unexpected IOException", log.ToString(), StringComparison.Ordinal);
        Assert.True(h.HasNode(live.InstanceId));
    }

    [Fact]
    public async Task EmptyBatch_IsAnsweredWithAnEmptyListAndCallsNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();

        using var output = await new Function(h.Runner()).Handler(new MemoryStream("""{"Records":[]}"""u8.ToArray()));

        Assert.Equal("""{"batchItemFailures":[]}""", await new StreamReader(output).ReadToEndAsync());
        Assert.Empty(h.Emulator.Calls.All());
    }

    private static async Task<List<string>> HandleAsync(Function function, string batch)
    {
        using var output = await function.Handler(new MemoryStream(Encoding.UTF8.GetBytes(batch)));
        using var json = await JsonDocument.ParseAsync(output);
        return [.. json.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];
    }

    private sealed class ThrowsOnFirstDecision : StringWriter
    {
        public bool Threw { get; private set; }

        public override void WriteLine(ReadOnlySpan<char> buffer)
        {
            if (!Threw && buffer.Contains("\"message\":\"decision\"", StringComparison.Ordinal))
            {
                Threw = true;
                throw new IOException("stdout went away");
            }

            base.WriteLine(buffer);
        }
    }
}
