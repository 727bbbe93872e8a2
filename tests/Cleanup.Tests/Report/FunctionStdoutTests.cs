using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Report;

/// <summary>Tests that replace <see cref="Console.Out"/>: they run alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleOutCollection
{
    public const string Name = "Console.Out replaced";
}

/// <summary>
/// The deployed function's log on the managed runtime, whose Console.Out prefixes every line with
/// "timestamp\trequestId\tinfo\t": the lines must go to file descriptor 1 as they are, pure JSON and valid EMF.
/// </summary>
[Collection(ConsoleOutCollection.Name)]
public class FunctionStdoutTests
{
    [Fact]
    public async Task Handler_OnTheManagedRuntime_WritesPureJsonAndValidEmfToStdout_NothingThroughConsoleOut()
    {
        await using var h = await EmulatorHarness.StartAsync();
        // Enough dead tasks that removals run several at a time and their lines could interleave.
        var (live, dead) = await h.SettledFleetAsync(running: 1, stopped: 8);
        var runtimeOut = new RuntimeConsoleOut();
        var original = Console.Out;
        using var fd1 = new MemoryStream();
        Console.SetOut(runtimeOut);
        try
        {
            var function = new Function(
                log => new CleanupRunner(
                    new SsmRegistry(h.Ssm),
                    EcsTaskDirectoryFactory.ForEndpoint(h.Options, new BasicAWSCredentials("test", "test"), h.Emulator.Url),
                    h.Options,
                    h.Clock,
                    log),
                fd1);
            await using var answer = await function.Handler(new MemoryStream("""{"cleanup":"sweep"}"""u8.ToArray()));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.All(dead, d => Assert.False(h.HasNode(d.InstanceId)));
        Assert.All(live, l => Assert.True(h.HasNode(l.InstanceId)));
        var bytes = fd1.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "a byte order mark makes the first line invalid JSON");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        var objects = lines.Select(l => Assert.IsType<JsonObject>(JsonNode.Parse(l), exactMatch: false)).ToList();
        Assert.Equal(dead.Count * 2, objects.Count(o => (string?)o["message"] == "decision" && (string?)o["outcome"] == "removed"));
        Assert.Contains(objects, o => (string?)o["message"] == "run finished" && (string?)o["status"] == "succeeded");
        var emf = objects.Where(o => o.ContainsKey("_aws")).ToList();
        Assert.NotEmpty(emf);
        Assert.All(emf, AssertValidEmf);
        Assert.Contains(emf, o => o["NodesDeregistered"]?.GetValue<double>() == dead.Count);
        Assert.Equal(string.Empty, runtimeOut.Text);
    }

    // CloudWatch's Embedded Metric Format: _aws with a Timestamp (epoch ms) and CloudWatchMetrics, each directive's
    // dimensions and metrics named at the top level of the same object (dimension values strings, metrics numbers).
    private static void AssertValidEmf(JsonObject line)
    {
        var aws = Assert.IsType<JsonObject>(line["_aws"], exactMatch: false);
        Assert.Equal(JsonValueKind.Number, aws["Timestamp"]!.GetValueKind());
        var directives = Assert.IsType<JsonArray>(aws["CloudWatchMetrics"]);
        Assert.NotEmpty(directives);
        foreach (var directive in directives.Select(d => Assert.IsType<JsonObject>(d, exactMatch: false)))
        {
            Assert.False(string.IsNullOrEmpty((string?)directive["Namespace"]));
            foreach (var set in Assert.IsType<JsonArray>(directive["Dimensions"]))
            {
                Assert.All(Assert.IsType<JsonArray>(set), d => Assert.Equal(JsonValueKind.String, line[(string)d!]?.GetValueKind()));
            }

            var metrics = Assert.IsType<JsonArray>(directive["Metrics"]);
            Assert.NotEmpty(metrics);
            Assert.All(metrics, m => Assert.Equal(JsonValueKind.Number, line[(string)m!["Name"]!]?.GetValueKind()));
        }
    }

    /// <summary>What the managed runtime puts in place of Console.Out: every line prefixed, so no longer JSON.</summary>
    private sealed class RuntimeConsoleOut : TextWriter
    {
        private readonly StringBuilder _text = new();
        private bool _lineStart = true;

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                if (_lineStart)
                {
                    _text.Append("2026-11-26T09:00:00.000Z\t6f7c1c0e-2b1d-4d8e-9a55-0d2f4c1e9b7a\tinfo\t");
                    _lineStart = false;
                }

                _text.Append(value);
                _lineStart = value == '\n';
            }
        }
    }
}
