using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Cli.Demo;
using Cleanup.Inventory;
using Cleanup.Report;
using Cleanup.Tests.Events;
using Cleanup.Tests.Support;
using CsCheck;

namespace Cleanup.Tests.Hostile;

/// <summary>
/// A thousand generated hostile events through the deployed handler against one emulator: live tasks, a stopped one
/// and foreign nodes. Whatever arrives, the handler throws nothing but its own failure, never hangs, removes nothing
/// a well-formed STOPPED event for the stopped task would not, and says why it refused in one clear line that
/// carries neither the payload nor the secret in it.
/// </summary>
public class HostileEventTests
{
    /// <summary>Cases in the fixed, reproducible run; a failing one is handed to CsCheck to shrink.</summary>
    private const int Cases = 1000;

    // A hang guard, not a timing assertion: one input is a few emulator calls.
    private static readonly TimeSpan _hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Handler_GeneratedHostileEvents_RemoveNothingButTheStoppedTasksItemsAndEchoNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var fleet = await HostileFleet.StartAsync(h);
        var gen = new HostileInputs(fleet.StoppedEvent, fleet.TaskArns, h.Fleet.Region, h.Fleet.Account).All();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        // Every case from its own seed off one fixed stream, so a run is the same run every time.
        var master = new PCG(20261126, 42);
        for (var i = 0; i < Cases; i++)
        {
            var pcg = new PCG(master.Stream, master.Next64());
            var seed = pcg.ToString();
            var input = gen.Generate(pcg, null!, out _);
            try
            {
                await fleet.RunAsync(input, outcomes);
            }
            catch (Exception ex)
            {
                // CsCheck starts from the failing seed and keeps the smallest input that still fails.
                await gen.SampleAsync(candidate => fleet.RunAsync(candidate, null), seed: seed, iter: 300, threads: 1, print: c => c.ToString());
                throw new InvalidOperationException($"case {i} (seed {seed}) failed but did not fail again when shrunk: {input}", ex);
            }
        }

        // The generator reaches every path: refused, ignored, acted on, direct and queued.
        Assert.All(new[] { "rejected", "ignored", "succeeded", "batch" }, kind => Assert.True(outcomes.GetValueOrDefault(kind) > 0, $"no {kind} case in {string.Join(", ", outcomes)}"));
    }

    /// <summary>Live tasks, one stopped task, foreign nodes; the handler runs against it input after input.</summary>
    internal sealed class HostileFleet
    {
        private readonly EmulatorHarness _h;
        private readonly ITaskDirectory _ecs;
        private readonly List<FleetTask> _live;
        private readonly List<string> _foreign;

        private HostileFleet(EmulatorHarness h, List<FleetTask> live, FleetTask stopped, List<string> foreign)
        {
            _h = h;
            _live = live;
            _foreign = foreign;
            _ecs = EcsTaskDirectoryFactory.ForEndpoint(h.Options, new BasicAWSCredentials("test", "test"), h.Emulator.Url);
            StoppedEvent = h.Fleet.StoppedEvent(stopped, h.Clock.GetUtcNow());
            TaskArns = [.. live.Select(t => t.TaskArn), stopped.TaskArn];
        }

        public string StoppedEvent { get; }

        public IReadOnlyList<string> TaskArns { get; }

        public static async Task<HostileFleet> StartAsync(EmulatorHarness h)
        {
            var (live, stopped) = await h.SettledFleetAsync(running: 3, stopped: 1);
            var foreign = new List<string>
            {
                (await h.Fleet.RegisterForeignAsync("onprem-db", "192.168.0.10")).InstanceId,
                (await h.Fleet.RegisterForeignAsync("build-agent", "192.168.0.11", new Dictionary<string, string> { ["team"] = "infra" })).InstanceId,
                (await h.Fleet.RegisterForeignAsync("other-tool", "192.168.0.12", new Dictionary<string, string> { ["other:task-arn"] = stopped[0].TaskArn })).InstanceId,
            };
            return new HostileFleet(h, live, stopped[0], foreign);
        }

        /// <summary>One input through the handler, then every property checked; throws on the first violation.</summary>
        public async Task RunAsync(HostileInput input, ConcurrentDictionary<string, int>? outcomes)
        {
            using var log = new StringWriter();
            var runner = new CleanupRunner(new SsmRegistry(_h.Ssm), _ecs, _h.Options, _h.Clock, log);
            var handling = new Function(runner).Handler(new MemoryStream(input.Bytes));
            if (await Task.WhenAny(handling, Task.Delay(_hangGuard)) != handling)
            {
                throw new TimeoutException($"the handler did not finish within {_hangGuard}");
            }

            RunResult? failed = null;
            string? answer = null;
            try
            {
                using var output = await handling;
                answer = await new StreamReader(output).ReadToEndAsync();
            }
            catch (CleanupRunFailedException ex)
            {
                failed = ex.Result;
            }

            AssertNothingRemovedButTheStoppedTask();
            var lines = AssertLogIsClean(log.ToString());
            if (failed is { Status: RunStatus.Rejected })
            {
                StrictInputTests.AssertClear(failed.Message);
            }

            foreach (var line in lines.Where(l => Message(l) == "message rejected"))
            {
                StrictInputTests.AssertClear(line.GetProperty("detail").GetString()!);
            }

            if (outcomes is not null)
            {
                var status = lines.Single(l => Message(l) == "run finished").GetProperty("status").GetString()!;
                outcomes.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (answer?.Contains("batchItemFailures", StringComparison.Ordinal) == true)
                {
                    outcomes.AddOrUpdate("batch", 1, (_, n) => n + 1);
                }
            }
        }

        private static string? Message(JsonElement line) =>
            line.TryGetProperty("message", out var message) ? message.GetString() : null;

        private void AssertNothingRemovedButTheStoppedTask()
        {
            foreach (var task in _live)
            {
                Assert.True(_h.HasNode(task.InstanceId), $"live task {task.TaskId} lost its node");
                Assert.True(_h.HasActivation(task.ActivationId), $"live task {task.TaskId} lost its activation");
            }

            foreach (var node in _foreign)
            {
                Assert.True(_h.HasNode(node), $"foreign node {node} was removed");
            }
        }

        private static List<JsonElement> AssertLogIsClean(string log)
        {
            Assert.DoesNotContain(HostileInputs.Secret, log, StringComparison.Ordinal);
            Assert.DoesNotContain(new string(HostileInputs.Filler, Cleanup.Events.Fragment.MaxLength + 1), log, StringComparison.Ordinal);
            return [.. log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                Assert.True(Encoding.UTF8.GetByteCount(line) <= RunLog.MaxLineBytes, "a log line over the cap");
                return JsonDocument.Parse(line).RootElement.Clone();
            })];
        }
    }
}
