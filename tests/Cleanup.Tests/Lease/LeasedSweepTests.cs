using System.Text.Json.Nodes;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Aws;
using Cleanup.Emulator;
using Cleanup.Lease;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Lease;

/// <summary>
/// Sweeps under the lease, end to end: the real SSM client writes and reads the lease parameter in the emulator
/// while the pipeline reads the fleet from it and ECS answers for the tasks.
/// </summary>
public class LeasedSweepTests
{
    private const string Name = "/cleanup/test-stack/sweep-lease";
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(5);

    private static async Task<EmulatorHarness> StartAsync()
    {
        var h = await EmulatorHarness.StartAsync();
        h.Options = TestOptions.Default with { SweepLease = Name, Timeout = _timeout };
        return h;
    }

    private static async Task PutAsync(EmulatorHarness h, string value, bool overwrite = false) =>
        await h.Ssm.PutParameterAsync(new PutParameterRequest { Name = Name, Value = value, Type = "String", Overwrite = overwrite });

    // What the stack creates: the parameter, free.
    private static Task DeployedAsync(EmulatorHarness h) => PutAsync(h, LeaseRecord.Free.ToJson());

    private static async Task<LeaseRecord> StoredAsync(EmulatorHarness h) =>
        LeaseRecord.Parse((await h.Ssm.GetParameterAsync(new GetParameterRequest { Name = Name })).Parameter.Value)!;

    private static string HeldBy(string holder, DateTimeOffset until) => new LeaseRecord(holder, until.AddMinutes(-1), until).ToJson();

    private static List<JsonNode> LogLines(EmulatorHarness h) =>
        [.. h.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    [Fact]
    public async Task Sweep_LeaseHeldByAnotherSweep_ReadsNothingAndDeletesNothing()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 2);
        await PutAsync(h, HeldBy("cleanup-sweep 2026/11/26/[$LATEST]abc run 1", h.Clock.GetUtcNow().AddMinutes(3)));
        var listed = h.Emulator.Calls.Count("DescribeInstanceInformation");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Skipped, result.Status);
        Assert.Contains("[$LATEST]abc", result.Message, StringComparison.Ordinal);
        Assert.Equal(listed, h.Emulator.Calls.Count("DescribeInstanceInformation"));
        Assert.Equal(0, h.Emulator.Calls.Count("ListTasks") + h.Emulator.Calls.Count("DescribeTasks"));
        Assert.Equal(0, h.DeletingCalls());
        Assert.All(dead, d => Assert.True(h.HasNode(d.InstanceId)));
        Assert.Equal("cleanup-sweep 2026/11/26/[$LATEST]abc run 1", (await StoredAsync(h)).Holder);
        Assert.Contains(LogLines(h), l => (string?)l["message"] == "sweep skipped" && (string?)l["lease"] == Name);
        Assert.Contains(LogLines(h), l => l["_aws"] is not null && (int?)l["SweepsSkipped"] == 1 && (string?)l["Trigger"] == "Sweep");
    }

    [Fact]
    public async Task Sweep_FiveAtOnce_OnlyOneReadsAndRemoves()
    {
        await using var h = await StartAsync();
        var (live, dead) = await h.SettledFleetAsync(running: 2, stopped: 3);
        await PutAsync(h, LeaseRecord.Free.ToJson());
        // The winner's run lasts long enough that no sweep, however late the thread pool starts it, comes after the
        // winner has given the lease back.
        h.Emulator.Faults.AddLatency("DescribeInstanceInformation", TimeSpan.FromSeconds(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(h.SweepAsync)));

        var seen = string.Join("\n", results.Select(r => $"{r.Status}: {r.Message}"));
        Assert.True(results.Count(r => r.Status != RunStatus.Skipped) == 1, seen);
        var ran = results.Single(r => r.Status != RunStatus.Skipped);
        Assert.Equal(RunStatus.Succeeded, ran.Status);
        Assert.Equal(4, results.Count(r => r.Status == RunStatus.Skipped));
        Assert.All(dead, d => Assert.False(h.HasNode(d.InstanceId)));
        Assert.All(live, l => Assert.True(h.HasNode(l.InstanceId)));
        // The one that ran removed every dead node itself (none was already gone): nobody else was sweeping.
        Assert.True(ran.Count(Cleanup.Execute.OutcomeStatus.Removed, Cleanup.Plan.ResourceKind.Node) == dead.Count, seen);
    }

    [Fact]
    public async Task Sweep_Ends_WithTheLeaseFree_SoTheNextSweepRuns()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        await DeployedAsync(h);

        var first = await h.SweepAsync();
        var freed = await StoredAsync(h);
        var second = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.False(h.HasNode(dead[0].InstanceId));
        Assert.False(freed.IsHeld);
        Assert.Equal(RunStatus.Succeeded, second.Status);
        // A sweep that ran says so too (0), so SweepSkippedAlarm's minimum is 1 only when every sweep was skipped.
        Assert.Equal(2, LogLines(h).Count(l => l["_aws"] is not null && (int?)l["SweepsSkipped"] == 0 && (string?)l["Trigger"] == "Sweep"));
        // The stack created the lease (1); the first sweep took it (2) and gave it back (3); the second took (4) and gave (5).
        Assert.Equal(5, (await h.Ssm.GetParameterAsync(new GetParameterRequest { Name = Name })).Parameter.Version);
    }

    [Fact]
    public async Task Sweep_LeaseOfAKilledSweep_IsTakenOverOnlyOnceItHasExpired()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        await PutAsync(h, HeldBy("killed-sweep", h.Clock.GetUtcNow().AddMinutes(2)));

        var early = await h.SweepAsync();
        h.Clock.Advance(h.Options.SweepLeaseDuration);
        var late = await h.SweepAsync();

        Assert.Equal(RunStatus.Skipped, early.Status);
        Assert.Equal(RunStatus.Succeeded, late.Status);
        Assert.False(h.HasNode(dead[0].InstanceId));
        var taken = Assert.Single(LogLines(h), l => (string?)l["message"] == "sweep lease taken");
        Assert.Equal("warn", (string?)taken["level"]);
        Assert.Contains("took over from killed-sweep", (string?)taken["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_LeaseValueWithFarFutureExpiry_IsTakenOverOnceLastModifiedPlusDurationHasPassed()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        await PutAsync(h, HeldBy("stuck-sweep", new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var early = await h.SweepAsync();
        h.Clock.Advance(h.Options.SweepLeaseDuration - TimeSpan.FromSeconds(1));
        var stillEarly = await h.SweepAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = await h.SweepAsync();

        Assert.Equal(RunStatus.Skipped, early.Status);
        Assert.Equal(RunStatus.Skipped, stillEarly.Status);
        Assert.Contains("its value claims until 2099-01-01T00:00:00Z", early.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, late.Status);
        Assert.False(h.HasNode(dead[0].InstanceId));
        var taken = Assert.Single(LogLines(h), l => (string?)l["message"] == "sweep lease taken");
        Assert.Contains("took over from stuck-sweep", (string?)taken["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_HolderWhoseClockIsSlow_IsNotTakenOverEarly()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        await DeployedAsync(h);
        // Another sweep whose clock is 10 minutes behind takes the lease over the wire: the expiry it writes has
        // already passed on the emulator's clock.
        var slowClock = new OffsetClock(TimeSpan.FromMinutes(-10), h.Clock);
        var slow = new SweepLease(new SsmLeaseStore(h.Ssm), Name, h.Options.SweepLeaseDuration, slowClock);
        Assert.IsType<HeldLease>(await slow.AcquireAsync("slow-clock-sweep", default));
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var early = await h.SweepAsync();
        h.Clock.Advance(h.Options.SweepLeaseDuration - TimeSpan.FromMinutes(1));
        var late = await h.SweepAsync();

        Assert.Equal(RunStatus.Skipped, early.Status);
        Assert.Contains("slow-clock-sweep", early.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Succeeded, late.Status);
        Assert.False(h.HasNode(dead[0].InstanceId));
    }

    [Fact]
    public async Task Sweep_LeaseParameterMissing_FailsVisiblyAndCreatesNothing()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var listed = h.Emulator.Calls.Count("DescribeInstanceInformation");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("ParameterNotFound", result.ErrorCode);
        Assert.Contains($"the sweep lease parameter {Name} does not exist", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Emulator.Calls.Count("PutParameter"));
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => h.Ssm.GetParameterAsync(new GetParameterRequest { Name = Name }));
        Assert.Equal(listed, h.Emulator.Calls.Count("DescribeInstanceInformation"));
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Contains(LogLines(h), l => (string?)l["message"] == "sweep lease not taken" && (string?)l["level"] == "error");
        // The deployed function throws, so Lambda counts an error and SweepErrorsAlarm fires.
        await Assert.ThrowsAsync<CleanupRunFailedException>(() => new Function(h.Runner()).Handler(new MemoryStream("""{"cleanup":"sweep"}"""u8.ToArray())));
    }

    [Fact]
    public async Task Sweep_LeaseReadDenied_FailsBeforeReadingTheFleet()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var listed = h.Emulator.Calls.Count("DescribeInstanceInformation");
        h.Emulator.Faults.FailNext("GetParameter", times: 10, statusCode: 400, code: "AccessDeniedException");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("AccessDeniedException", result.ErrorCode);
        Assert.Contains($"taking the sweep lease {Name} failed", result.Message, StringComparison.Ordinal);
        Assert.Equal(listed, h.Emulator.Calls.Count("DescribeInstanceInformation"));
        Assert.True(h.HasNode(dead[0].InstanceId));
    }

    [Fact]
    public async Task Sweep_LeaseWriteThrottledPastRetries_FailsAndDeletesNothing()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        await DeployedAsync(h);
        h.Emulator.Faults.FailNext("PutParameter", times: 10, statusCode: 400, code: "ThrottlingException");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("ThrottlingException", result.ErrorCode);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Sweep_SsmRefusesTheClaimForAConcurrentUpdate_IsSkippedNotFailed()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        await PutAsync(h, LeaseRecord.Free.ToJson());
        h.Emulator.Faults.FailNext("PutParameter", times: 1, statusCode: 400, code: "TooManyUpdates");

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Skipped, result.Status);
        Assert.True(h.HasNode(dead[0].InstanceId));
    }

    [Fact]
    public async Task StoppedTaskEvent_IgnoresTheSweepLease()
    {
        await using var h = await StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        await PutAsync(h, HeldBy("a-long-sweep", h.Clock.GetUtcNow().AddHours(1)));

        var result = await h.RunAsync(h.StoppedEventAfterGrace(task));

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(task.InstanceId));
        Assert.Equal(0, h.Emulator.Calls.Count("PutParameter") - 1);
    }

    [Fact]
    public async Task DryRunSweep_TakesTheLeaseToo()
    {
        await using var h = await StartAsync();
        h.Options = h.Options with { DryRun = true };
        await h.SettledFleetAsync(running: 1, stopped: 1);
        await PutAsync(h, HeldBy("an-applying-sweep", h.Clock.GetUtcNow().AddMinutes(3)));

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Skipped, result.Status);
        Assert.True(result.DryRun);
    }

    [Fact]
    public async Task Sweep_LeaseNotGivenBack_KeepsItsRemovalsAndSaysUntilWhenTheNextWaits()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var store = new InMemoryLeaseStore(h.Clock) { FailWritesOf = value => !LeaseRecord.Parse(value)!.IsHeld };
        store.Put(Name, LeaseRecord.Free.ToJson(), overwrite: false);

        var result = await h.Runner(store).RunAsync("""{"cleanup":"sweep"}"""u8.ToArray());

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.False(h.HasNode(dead[0].InstanceId));
        Assert.Contains("was not given back (ThrottlingException): the next sweep waits until", result.Message, StringComparison.Ordinal);
        Assert.True(LeaseRecord.Parse(store[Name]!.Value)!.IsHeld);
    }

    [Fact]
    public async Task Handler_SkippedSweep_AnswersWithoutThrowing_SoLambdaDoesNotRetryIt()
    {
        await using var h = await StartAsync();
        await PutAsync(h, HeldBy("another-sweep", h.Clock.GetUtcNow().AddMinutes(3)));

        await using var answer = await new Function(h.Runner()).Handler(new MemoryStream("""{"cleanup":"sweep"}"""u8.ToArray()));

        Assert.Equal("skipped", (string?)JsonNode.Parse(answer)!["status"]);
    }

    [Fact]
    public async Task Sweep_LeaseReadCancelled_IsAFailedRunWithARecord_NotAnEscapedException()
    {
        await using var h = await StartAsync();
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var store = new InMemoryLeaseStore(h.Clock) { FailReadsWith = new OperationCanceledException("the invocation was cancelled") };

        var result = await h.Runner(store).RunAsync("""{"cleanup":"sweep"}"""u8.ToArray());

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("(OperationCanceledException)", result.Message, StringComparison.Ordinal);
        Assert.True(h.HasNode(dead[0].InstanceId));
        Assert.Contains(LogLines(h), l => (string?)l["message"] == "run finished" && (string?)l["status"] == "failed");
    }
}
