using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Emulator;
using Cleanup.Inventory;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>The faults the matrix injects on the wire, each against both the queued event path and the sweep.</summary>
public enum FaultCase
{
    ThrottleEveryOtherCall,
    QuotaOf5CallsPerSecond,
    ThrottledPastTheRetries,
    ProofReadThrottledAfterTheListing,
    DeregisterOnce5xxRetried,
    DescribeInstanceInformation5xx,
    DescribeActivations5xx,
    DescribeTasks5xx,
    ListTagsForResource5xx,
    DeregisterOnce5xx,
    Deregister5xx,
    DeregisterAccessDenied,
    DeleteActivationOnce5xx,
    DeleteActivation5xx,
    DeleteActivationAccessDenied,
    DescribeInstanceInformationTimeout,
    DescribeActivationsTimeout,
    DescribeTasksOutlastsTheBudget,
    DeregisterTimeout,
    DeleteActivationTimeout,
    EcsDown5xx,
    EcsDownAccessDenied,
    SsmDown5xx,
    KilledAfterTheFirstDeletion,
    KilledBetweenNodesAndActivations,
}

/// <summary>Where the matrix sends its input: an SQS batch to the event handler, or a sweep.</summary>
public enum FaultMatrixTrigger
{
    Queued,
    Sweep,
}

/// <summary>The matrix's queued-event column (its own class, so it runs in parallel with the sweep column).</summary>
public class FaultMatrixQueuedTests
{
    [Theory]
    [MemberData(nameof(FaultMatrixTests.Cases), MemberType = typeof(FaultMatrixTests))]
    public Task QueuedBatch_UnderFault_TouchesOnlyTheDeadAndAFollowingSweepConverges(FaultCase fault) =>
        FaultMatrixTests.RunCaseAsync(fault, FaultMatrixTrigger.Queued);
}

/// <summary>The matrix's sweep column.</summary>
public class FaultMatrixSweepTests
{
    [Theory]
    [MemberData(nameof(FaultMatrixTests.Cases), MemberType = typeof(FaultMatrixTests))]
    public Task Sweep_UnderFault_TouchesOnlyTheDeadAndAFollowingSweepConverges(FaultCase fault) =>
        FaultMatrixTests.RunCaseAsync(fault, FaultMatrixTrigger.Sweep);
}

/// <summary>
/// The fault matrix on the wire: every fault of <see cref="FaultCase"/> against the queued event path (an SQS batch
/// through the handler) and the sweep (the handler with {"cleanup":"sweep"}), over a fleet with live, dead and foreign
/// items (<see cref="FaultMatrixFleet"/>). After every case: no live task's or foreign item is gone, the record lists
/// exactly what was removed, an outage is a failed run (or named messages), and one clean sweep, the faults cleared,
/// converges.
/// </summary>
public class FaultMatrixTests
{
    private const int Persistent = 1_000;

    private static readonly string[] _ssmOperations =
    [
        "CreateActivation", "DescribeActivations", "DeleteActivation", "DescribeInstanceInformation",
        "DeregisterManagedInstance", "AddTagsToResource", "ListTagsForResource", "RemoveTagsFromResource",
    ];

    private static readonly string[] _ecsOperations =
    [
        "CreateCluster", "DescribeClusters", "ListClusters", "RegisterTaskDefinition", "RunTask", "StopTask", "DescribeTasks", "ListTasks",
    ];

    // Retries only where the SDK is expected to ride the fault out; a persistent fault gets one retry, to show the
    // retry is spent and still nothing is deleted, without paying for more backoff than that.
    private static readonly Dictionary<FaultCase, FaultRow> _rows = new()
    {
        [FaultCase.ThrottleEveryOtherCall] = new(Effect.Converges, e => e.Faults.ThrottleEvery("*", 2), Retries: 9),
        [FaultCase.QuotaOf5CallsPerSecond] = new(Effect.Converges, e => e.RateLimits.Set(new RateLimit(5, burst: 1)), Retries: 9),
        [FaultCase.ThrottledPastTheRetries] = new(Effect.EcsReadsFail, e => e.Faults.ThrottleEvery("*", 1), Throttled: true) { SweepEffect = Effect.SsmReadsFail },
        // The sweep's listing passes and its ownership proof (the second DescribeInstanceInformation) is throttled
        // past the retries; the event path makes only the proof read, which passes.
        [FaultCase.ProofReadThrottledAfterTheListing] = new(Effect.SsmReadsFail, e => e.Faults.ThrottleEvery("DescribeInstanceInformation", 2), Retries: 0, Throttled: true, QueuedEffect: Effect.Converges),
        [FaultCase.DeregisterOnce5xxRetried] = new(Effect.Converges, e => e.Faults.FailNext("DeregisterManagedInstance", times: 1), Retries: 2),
        [FaultCase.DescribeInstanceInformation5xx] = new(Effect.SsmReadsFail, Fail("DescribeInstanceInformation")),
        [FaultCase.DescribeActivations5xx] = new(Effect.SsmReadsFail, Fail("DescribeActivations")),
        [FaultCase.DescribeTasks5xx] = new(Effect.EcsReadsFail, Fail("DescribeTasks")),
        // Tags are read one by one only for a node whose claim cannot be derived: no activation left and no account to
        // build ARNs from (the CLI without CLEANUP_ACCOUNT_ID). The event path never reads them, so there it converges.
        [FaultCase.ListTagsForResource5xx] = new(Effect.SsmReadsFail, Fail("ListTagsForResource"), OrphanWithoutAccount: true, QueuedEffect: Effect.Converges),
        [FaultCase.DeregisterOnce5xx] = new(Effect.OneNodeFails, e => e.Faults.FailNext("DeregisterManagedInstance", times: 1), Retries: 0),
        [FaultCase.Deregister5xx] = new(Effect.NodesFail, Fail("DeregisterManagedInstance")),
        [FaultCase.DeregisterAccessDenied] = new(Effect.NodesFail, Fail("DeregisterManagedInstance", 400, "AccessDeniedException")),
        [FaultCase.DeleteActivationOnce5xx] = new(Effect.OneActivationFails, e => e.Faults.FailNext("DeleteActivation", times: 1), Retries: 0),
        [FaultCase.DeleteActivation5xx] = new(Effect.ActivationsFail, Fail("DeleteActivation")),
        [FaultCase.DeleteActivationAccessDenied] = new(Effect.ActivationsFail, Fail("DeleteActivation", 400, "AccessDeniedException")),
        [FaultCase.DescribeInstanceInformationTimeout] = new(Effect.SsmReadsFail, Slow("DescribeInstanceInformation"), Retries: 0, ImpatientSsm: true),
        [FaultCase.DescribeActivationsTimeout] = new(Effect.SsmReadsFail, Slow("DescribeActivations"), Retries: 0, ImpatientSsm: true),
        // The ECS adapter's own timeout is 20 s; the function's time budget (80% of a 2 s timeout) is what cuts it here.
        [FaultCase.DescribeTasksOutlastsTheBudget] = new(Effect.EcsReadsFail, Slow("DescribeTasks"), Retries: 0, FunctionTimeout: TimeSpan.FromSeconds(2)),
        [FaultCase.DeregisterTimeout] = new(Effect.NodesFail, Slow("DeregisterManagedInstance"), Retries: 0, ImpatientSsm: true),
        [FaultCase.DeleteActivationTimeout] = new(Effect.ActivationsFail, Slow("DeleteActivation"), Retries: 0, ImpatientSsm: true),
        [FaultCase.EcsDown5xx] = new(Effect.EcsReadsFail, FailAll(_ecsOperations, 500, "InternalServerError")),
        [FaultCase.EcsDownAccessDenied] = new(Effect.EcsReadsFail, FailAll(_ecsOperations, 400, "AccessDeniedException")),
        [FaultCase.SsmDown5xx] = new(Effect.SsmReadsFail, FailAll(_ssmOperations, 500, "InternalServerError")),
        [FaultCase.KilledAfterTheFirstDeletion] = new(Effect.Killed, _ => { }, KillAfter: 1),
        [FaultCase.KilledBetweenNodesAndActivations] = new(Effect.Killed, _ => { }, KillAfter: 2),
    };

    private enum Effect
    {
        /// <summary>The SDK rides the fault out: the faulted run itself succeeds and removes every dead item.</summary>
        Converges,

        /// <summary>SSM cannot be read: nothing is deleted; the sweep fails, the dead tasks' messages come back.</summary>
        SsmReadsFail,

        /// <summary>ECS cannot be asked: nothing is deleted; the sweep fails, every message comes back.</summary>
        EcsReadsFail,

        /// <summary>Every deregistration fails; the activations are still deleted; the run fails.</summary>
        NodesFail,

        /// <summary>Every activation deletion fails; the nodes are still deregistered; the run fails.</summary>
        ActivationsFail,

        /// <summary>One deregistration fails, every other removal is done; only that task's message comes back.</summary>
        OneNodeFails,

        /// <summary>One activation deletion fails, every other removal is done; only that task's message comes back.</summary>
        OneActivationFails,

        /// <summary>The run is cancelled between two deletions: a failed run listing the removals done before it.</summary>
        Killed,
    }

    public static TheoryData<FaultCase> Cases => new(Enum.GetValues<FaultCase>());

    [Fact]
    public void EveryFaultCaseHasARow() => Assert.All(Enum.GetValues<FaultCase>(), f => Assert.True(_rows.ContainsKey(f), $"{f} has no row"));

    // A foreign claim is never looked up: asking another account's ECS fails (IAM denies it), and one such item
    // would fail every sweep and keep the alarm firing.
    [Fact]
    public async Task Sweep_ForeignNodeWithOurTagKeysAndAnotherAccountsArns_DoesNotFailEverySweep()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (running, stopped) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var otherAccount = "999999999999";
        var spoofed = await h.Fleet.RegisterForeignAsync($"{stopped[0].ClusterName}/{stopped[0].TaskId}", "10.30.0.9", new Dictionary<string, string>
        {
            ["ssm-cleanup:task-arn"] = stopped[0].TaskArn.Replace(TestOptions.Account, otherAccount, StringComparison.Ordinal),
            ["ssm-cleanup:cluster-arn"] = stopped[0].ClusterArn.Replace(TestOptions.Account, otherAccount, StringComparison.Ordinal),
        });
        h.Clock.Advance(TimeSpan.FromMinutes(15));

        var result = await h.SweepAsync();

        Assert.True(h.HasNode(spoofed.InstanceId));
        Assert.True(h.HasNode(running[0].InstanceId));
        Assert.False(h.HasNode(stopped[0].InstanceId));
        Assert.True(result.Status == RunStatus.Succeeded, result.Message);
    }

    internal static async Task RunCaseAsync(FaultCase fault, FaultMatrixTrigger trigger)
    {
        var row = _rows[fault];
        await using var h = await EmulatorHarness.StartAsync(maxErrorRetry: row.Retries);
        var fleet = await FaultMatrixFleet.BuildAsync(h);
        using var impatient = row.ImpatientSsm ? await ImpatientClientAsync(h) : null;
        using var kill = new CancellationTokenSource();
        h.Options = TestOptions.Default with { MaxAttempts = row.Retries + 1, Timeout = row.FunctionTimeout };
        if (row.OrphanWithoutAccount)
        {
            // dead-1's container deleted its own activation on SIGTERM, and the run does not know its account.
            await h.Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = fleet.Dead[1].ActivationId });
            h.Options = h.Options with { AccountId = null };
        }

        var registry = new SsmRegistry(impatient ?? h.Ssm);
        using var killSwitch = row.KillAfter is { } n ? new FaultMatrixKillSwitch(registry, n, kill) : null;
        var ecs = EcsTaskDirectoryFactory.ForEndpoint(h.Options, new BasicAWSCredentials("test", "test"), h.Emulator.Url);
        var runner = new CleanupRunner((IHybridRegistry?)killSwitch ?? registry, ecs, h.Options, h.Clock, h.Log);
        var input = trigger == FaultMatrixTrigger.Queued ? fleet.Batch(h) : """{"cleanup":"sweep"}""";
        var goneBefore = fleet.Removable.Where(i => !FaultMatrixFleet.Exists(h, i)).ToList();
        h.Emulator.Calls.Reset();
        var logStart = h.Log.ToString().Length;
        row.Inject(h.Emulator);

        var answer = row.KillAfter is null
            ? await HandleAsync(runner, trigger, input)
            : (await runner.RunAsync(Encoding.UTF8.GetBytes(input), kill.Token)).BatchResponse?.ItemIdentifiers;

        var refused = h.Emulator.Calls.All().Where(c => c.StatusCode != 200).ToList();
        h.Emulator.Faults.Clear();
        h.Emulator.RateLimits.Set(null);
        var run = LoggedRun.Parse(h.Log.ToString()[logStart..]);
        var context = $"{fault} on {trigger}: {run.Status}: {run.Detail}";
        var effect = trigger == FaultMatrixTrigger.Queued ? row.QueuedEffect ?? row.Effect : row.SweepEffect ?? row.Effect;

        // The fault was met: a row whose fault the run never meets would prove nothing.
        var log = h.Log.ToString()[logStart..];
        if (row.KillAfter is null && effect != Effect.Converges)
        {
            Assert.True(log.Contains(row.Trace, StringComparison.Ordinal), $"{context}: the log does not show '{row.Trace}'");
        }

        if ((row.Throttled && effect != Effect.Converges) || fault is FaultCase.ThrottleEveryOtherCall or FaultCase.QuotaOf5CallsPerSecond)
        {
            Assert.Contains(refused, c => c.ErrorCode == "ThrottlingException");
        }

        if (row.OrphanWithoutAccount)
        {
            Assert.Equal(trigger == FaultMatrixTrigger.Sweep, refused.Any(c => c.Operation == "ListTagsForResource"));
        }

        // Whatever the fault: nothing live or foreign is gone, and the record lists exactly what was removed.
        fleet.AssertKeptUntouched(h);
        var gone = fleet.Removable.Where(i => !FaultMatrixFleet.Exists(h, i)).ToList();
        Assert.Equal(gone.Except(goneBefore).Select(i => i.Id).Order(StringComparer.Ordinal), run.Removed.Order(StringComparer.Ordinal));
        Assert.Equal(trigger == FaultMatrixTrigger.Queued, answer is not null);

        var nodes = fleet.Removable.Where(i => i.IsNode).ToList();
        var activations = fleet.Removable.Where(i => !i.IsNode).ToList();
        var deadMessages = fleet.Removable.Select(i => i.MessageId!).Distinct().ToList();
        var everyMessage = deadMessages.Append(FaultMatrixFleet.MessageOf("live-2")).ToList();
        IEnumerable<string> expectedMessages = [];
        switch (effect)
        {
            case Effect.Converges:
                Assert.True(run.Status == "succeeded", context);
                Assert.True(fault != FaultCase.DeregisterOnce5xxRetried || refused.Any(c => c.Operation == "DeregisterManagedInstance"), context);
                Assert.Equal(fleet.Removable.Count, gone.Count);
                break;
            case Effect.SsmReadsFail or Effect.EcsReadsFail:
                Assert.True(run.Status == "failed", context);
                Assert.Equal(0, h.DeletingCalls());
                expectedMessages = effect == Effect.EcsReadsFail ? everyMessage : deadMessages;
                break;
            case Effect.NodesFail or Effect.ActivationsFail:
                Assert.True(run.Status == "failed", context);
                var (failing, proceeding) = effect == Effect.NodesFail ? (nodes, activations) : (activations, nodes);
                Assert.All(failing, i => Assert.DoesNotContain(i, gone));
                Assert.All(proceeding, i => Assert.Contains(i, gone));
                Assert.Equal(failing.Select(i => i.Id).Order(StringComparer.Ordinal), run.Failed.Order(StringComparer.Ordinal));
                expectedMessages = deadMessages;
                break;
            case Effect.OneNodeFails or Effect.OneActivationFails:
                Assert.True(run.Status == "failed", context);
                var left = Assert.Single(fleet.Removable, i => !gone.Contains(i));
                Assert.Equal(effect == Effect.OneNodeFails, left.IsNode);
                Assert.Equal([left.Id], run.Failed);
                expectedMessages = [left.MessageId!];
                break;
            case Effect.Killed:
                Assert.True(run.Status == "failed", context);
                Assert.Contains("the run was cancelled", run.Detail, StringComparison.Ordinal);
                Assert.Contains($"{row.KillAfter} removal(s) were done before it", run.Detail, StringComparison.Ordinal);
                Assert.Equal(row.KillAfter, gone.Count);
                Assert.Equal(row.KillAfter, killSwitch!.Completed);
                // Nodes go first: a run killed between two deletions leaves activations, never a node without its record.
                Assert.All(gone, i => Assert.True(i.IsNode, $"{i.Label} went before the nodes"));
                // Nothing says the tasks are settled: every message comes back, the live one included (harmless).
                expectedMessages = everyMessage;
                break;
        }

        if (answer is not null)
        {
            Assert.True(
                expectedMessages.Order(StringComparer.Ordinal).SequenceEqual(answer.Order(StringComparer.Ordinal)),
                $"{context}: expected [{string.Join(", ", expectedMessages)}] to come back, got [{string.Join(", ", answer)}]");
        }

        // The faults cleared and the clock at the next sweep: one clean sweep converges.
        h.Options = TestOptions.Default;
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var clean = await h.SweepAsync();
        Assert.True(clean.Status == RunStatus.Succeeded, $"{context}; then the clean sweep: {clean.Message}");
        fleet.AssertConverged(h);
        Assert.Contains(clean.Items, i => i.Decision.ResourceId == fleet.Ec2InstanceId && i.Decision.Reason == Reasons.NotHybridNode);
    }

    /// <summary>
    /// The handler as Lambda calls it: a batch is answered with the messages to retry and never throws; a sweep
    /// returns a summary, or throws when it failed. Returns the batch's named messages (null for a sweep).
    /// </summary>
    private static async Task<IReadOnlyList<string>?> HandleAsync(CleanupRunner runner, FaultMatrixTrigger trigger, string input)
    {
        var function = new Function(runner);
        if (trigger == FaultMatrixTrigger.Sweep)
        {
            try
            {
                using var summary = await function.Handler(new MemoryStream(Encoding.UTF8.GetBytes(input)));
                using var json = await JsonDocument.ParseAsync(summary);
                Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
            }
            catch (CleanupRunFailedException ex)
            {
                Assert.Equal(RunStatus.Failed, ex.Result!.Status);
            }

            return null;
        }

        using var output = await function.Handler(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        using var answer = await JsonDocument.ParseAsync(output);
        Assert.Equal(["batchItemFailures"], answer.RootElement.EnumerateObject().Select(p => p.Name));
        return [.. answer.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!)];
    }

    /// <summary>An SSM client that gives up after 2 s, warmed on every operation so only an injected delay can time out.</summary>
    private static async Task<AmazonSimpleSystemsManagementClient> ImpatientClientAsync(EmulatorHarness h)
    {
        var client = new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("test", "test"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = h.Emulator.Url.ToString(),
            AuthenticationRegion = h.Emulator.Options.Region,
            RetryMode = RequestRetryMode.Standard,
            Timeout = TimeSpan.FromSeconds(2),
            MaxErrorRetry = 0,
        });
        await client.DescribeActivationsAsync(new DescribeActivationsRequest());
        await client.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());
        await Assert.ThrowsAsync<InvalidInstanceIdException>(() => client.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = "mi-00000000000000000" }));
        await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => client.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = Guid.NewGuid().ToString() }));
        return client;
    }

    private static Action<AwsEmulator> Fail(string operation, int statusCode = 500, string code = "InternalServerError") =>
        e => e.Faults.FailNext(operation, Persistent, statusCode, code);

    private static Action<AwsEmulator> FailAll(string[] operations, int statusCode, string code) =>
        e => Array.ForEach(operations, op => e.Faults.FailNext(op, Persistent, statusCode, code));

    // Longer than the impatient client's 2 s (and the 1.6 s budget); the emulator drops the call when the client does.
    private static Action<AwsEmulator> Slow(string operation) => e => e.Faults.AddLatency(operation, TimeSpan.FromSeconds(5));

    private sealed record FaultRow(
        Effect Effect,
        Action<AwsEmulator> Inject,
        int Retries = 1,
        bool ImpatientSsm = false,
        TimeSpan? FunctionTimeout = null,
        int? KillAfter = null,
        bool OrphanWithoutAccount = false,
        Effect? QueuedEffect = null,
        bool Throttled = false)
    {
        public Effect? SweepEffect { get; init; }

        /// <summary>What the faulted run's log must show when the run failed, proving it met the injected fault.</summary>
        public string Trace => Throttled ? "ThrottlingException" : ImpatientSsm ? "timed out" : FunctionTimeout is not null ? "time budget ran out" : "Injected fault";
    }

    /// <summary>What one run wrote: its decisions as applied, and its own "run finished" line.</summary>
    private sealed record LoggedRun(string Status, string Detail, IReadOnlyList<string> Removed, IReadOnlyList<string> Failed)
    {
        public static LoggedRun Parse(string log)
        {
            var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            var decisions = lines.Where(l => (string?)l["message"] == "decision").ToList();
            var finished = Assert.Single(lines, l => (string?)l["message"] == "run finished");
            return new LoggedRun(
                (string)finished["status"]!,
                (string)finished["detail"]!,
                [.. decisions.Where(d => (string?)d["outcome"] is "removed" or "already-gone").Select(d => (string)d["id"]!)],
                [.. decisions.Where(d => (string?)d["outcome"] == "failed").Select(d => (string)d["id"]!)]);
        }
    }
}
