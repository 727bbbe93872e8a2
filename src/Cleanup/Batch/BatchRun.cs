using Cleanup.Events;
using Cleanup.Report;

namespace Cleanup.Batch;

/// <summary>
/// One SQS batch through the pipeline. Each message is judged on its own: rejected ones come back (and reach the
/// dead-letter queue), ignored ones are done, and the stopped tasks of all the others run as a single, deduplicated
/// set. The answer comes from the <see cref="MessageLedger"/>, so a message leaves only when it is proven done.
/// </summary>
public static class BatchRun
{
    public static async Task<RunResult> RunAsync(QueuedBatch batch, RunLog runLog, bool dryRun, Func<TaskStoppedTrigger, Task<RunResult>> runTasks)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(runLog);
        ArgumentNullException.ThrowIfNull(runTasks);
        var eventId = $"sqs-batch:{batch.Messages.Count}";
        var ledger = MessageLedger.Open(batch);
        foreach (var verdict in ledger.NotActedOn)
        {
            runLog.WriteMessage(verdict.MessageId, verdict.Rejected ? "error" : "info", verdict.Rejected ? "message rejected" : "message ignored", verdict.Detail, dryRun);
        }

        if (ledger.Tasks.Count == 0)
        {
            var none = ledger.Close([]);
            var status = none.Failing > 0 ? RunStatus.Failed : RunStatus.Ignored;
            return RunResult.NotRun(status, $"{batch.Messages.Count} message(s), no stopped task to act on; {ledger.Rejected} rejected", dryRun, eventId)
                with
            { BatchResponse = none.Response };
        }

        var result = await runTasks(new TaskStoppedTrigger(eventId, ledger.Tasks));
        var answer = ledger.Close(result.Tasks);
        var returned = answer.Response.BatchItemFailures.Count;
        return result with
        {
            BatchResponse = answer.Response,

            // Messages deferred by the brake come back as load shed by design: they alone do not fail the run.
            Status = answer.Failing > 0 && result.Status == RunStatus.Succeeded ? RunStatus.Failed : result.Status,
            Message = returned > 0 ? $"{result.Message}; {returned} of {batch.Messages.Count} message(s) will be retried" : result.Message,
        };
    }
}
