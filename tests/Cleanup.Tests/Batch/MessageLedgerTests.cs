using System.Text;
using Cleanup.Batch;
using Cleanup.Cli.Demo;
using Cleanup.Events;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Batch;

/// <summary>
/// The partial-batch contract on its own, fail-by-default: a message comes back unless the run proved it done
/// (ignored, or each of its tasks reported settled).
/// </summary>
public class MessageLedgerTests
{
    private const string SampleTaskId = "5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";
    private const string A = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";
    private const string B = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";
    private static readonly DateTimeOffset _now = new(2026, 11, 26, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TaskMissingFromTheSettlements_KeepsItsMessageFailing()
    {
        var ledger = Open(("m-a", Stopped(A)), ("m-b", Stopped(B)));

        var answer = ledger.Close([Settled(A)]);

        Assert.Equal(["m-b"], answer.Response.ItemIdentifiers);
        Assert.Equal(1, answer.Failing);
    }

    [Fact]
    public void RunThatReportedNothing_FailsEveryAcceptedAndRejectedMessage_IgnoredOnesLeave()
    {
        var ledger = Open(("m-a", Stopped(A)), ("m-running", Running()), ("m-bad", "not an event"), ("m-b", Stopped(B)));

        var answer = ledger.Close([]);

        Assert.Equal(["m-a", "m-bad", "m-b"], answer.Response.ItemIdentifiers);
        Assert.Equal(3, answer.Failing);
        Assert.Equal([("m-running", false), ("m-bad", true)], ledger.NotActedOn.Select(v => (v.MessageId, v.Rejected)));
    }

    [Fact]
    public void EmptyBatch_AnswersAnEmptyList()
    {
        var ledger = Open();

        var answer = ledger.Close([]);

        Assert.Empty(ledger.Tasks);
        Assert.Equal("""{"batchItemFailures":[]}""", answer.Response.ToJson());
        Assert.Equal(0, answer.Failing);
    }

    [Fact]
    public void EverythingSettled_AnswersAnEmptyList()
    {
        var ledger = Open(("m-a", Stopped(A)), ("m-running", Running()), ("m-b", Stopped(B)));

        var answer = ledger.Close([Settled(A), Settled(B)]);

        Assert.Empty(answer.Response.BatchItemFailures);
    }

    [Fact]
    public void DuplicateDeliveries_RunTheTaskOnce_AndLeaveOnlyWhenItIsSettled()
    {
        var ledger = Open(("m-1", Stopped(A)), ("m-2", Stopped(A)), ("m-3", Stopped(B)));

        Assert.Equal([Arn(A), Arn(B)], ledger.Tasks.Select(t => t.Task.Value));
        Assert.Equal(["m-3"], ledger.Close([Settled(A), Unsettled(B)]).Response.ItemIdentifiers);
        Assert.Equal(["m-1", "m-2"], ledger.Close([Unsettled(A), Settled(B)]).Response.ItemIdentifiers);
    }

    [Fact]
    public void TaskDeferredByTheBrake_ItsMessageComesBackButIsNotAFailure()
    {
        var ledger = Open(("m-a", Stopped(A)), ("m-b", Stopped(B)));

        var answer = ledger.Close([Settled(A), Unsettled(B) with { DeferredByBrake = true }]);

        Assert.Equal(["m-b"], answer.Response.ItemIdentifiers);
        Assert.Equal(0, answer.Failing);
    }

    [Fact]
    public void TwoReportsOnOneTask_TheLessSettledOneCounts()
    {
        var ledger = Open(("m-a", Stopped(A)));

        var answer = ledger.Close([Settled(A), Unsettled(A)]);

        Assert.Equal(["m-a"], answer.Response.ItemIdentifiers);
        Assert.Equal(1, answer.Failing);
    }

    [Fact]
    public void Response_IsTheLambdaWireContract()
    {
        var response = new SqsBatchResponse([new BatchItemFailure("m-1"), new BatchItemFailure("m-2")]);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-1"},{"itemIdentifier":"m-2"}]}""", response.ToJson());
    }

    private static MessageLedger Open(params (string MessageId, string Body)[] messages)
    {
        var parsed = EventParser.Parse(Encoding.UTF8.GetBytes(SqsBatch.Build(messages)), TestOptions.Default, _now);
        return MessageLedger.Open(Assert.IsType<QueuedBatch>(parsed));
    }

    private static string Arn(string taskId) => $"arn:aws:ecs:us-east-1:123456789012:task/shells/{taskId}";

    private static string Stopped(string taskId) =>
        File.ReadAllText(Repo.Path("events/task-stopped.json")).Replace(SampleTaskId, taskId, StringComparison.Ordinal);

    private static string Running() => File.ReadAllText(Repo.Path("events/task-running.json"));

    private static TaskSettlement Settled(string taskId) => new(Arn(taskId), "STOPPED", true, "done");

    private static TaskSettlement Unsettled(string taskId) => new(Arn(taskId), "STOPPED", false, "a removal failed");
}
