using Cleanup.Events;

namespace Cleanup.Batch;

/// <summary>
/// The SQS partial-batch contract, fail-by-default like Powertools' BatchProcessor: every message of a batch comes
/// back to the queue unless it is proven done. An ignored message is done at once; an accepted one once every task
/// it names is settled (a duplicate delivery therefore leaves only with its task); a rejected one never. A task the
/// run never reported on, or a run that reported nothing, keeps its messages failing.
/// </summary>
public sealed class MessageLedger
{
    // How far from done a message is; a message is as far as its least settled task.
    private const int DoneRank = 0;
    private const int DeferredRank = 1;
    private const int FailedRank = 2;

    private readonly List<Entry> _entries = [];
    private readonly List<StoppedTask> _tasks = [];
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    private MessageLedger()
    {
    }

    /// <summary>Every stopped task the accepted messages name, once, as old as its most often received message.</summary>
    public IReadOnlyList<StoppedTask> Tasks => _tasks;

    /// <summary>The messages not acted on (rejected or ignored), in batch order, with why: each gets its log line.</summary>
    public IEnumerable<MessageVerdict> NotActedOn => _entries.Where(e => e.Verdict is not null).Select(e => e.Verdict!);

    public int Rejected => _entries.Count(e => e.Verdict is { Rejected: true });

    public static MessageLedger Open(QueuedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var ledger = new MessageLedger();
        foreach (var message in batch.Messages)
        {
            ledger._entries.Add(message.Event switch
            {
                AcceptedEvent { Trigger: TaskStoppedTrigger stopped } => new Entry(message.MessageId, null, [.. stopped.Tasks.Select(t => ledger.Add(t, message.ReceiveCount))]),
                IgnoredEvent ignored => new Entry(message.MessageId, new(message.MessageId, false, ignored.Reason), []),
                RejectedEvent rejected => new Entry(message.MessageId, new(message.MessageId, true, rejected.Error), []),
                _ => new Entry(message.MessageId, new(message.MessageId, true, "not a task state change"), []),
            });
        }

        return ledger;
    }

    /// <summary>
    /// The answer once the run has reported on its tasks: a message leaves only when it was ignored or each of its
    /// tasks has a settlement that says settled. A message whose tasks only wait for a later delivery (deferred by the
    /// brake) comes back too, but is not counted as failing.
    /// </summary>
    public BatchAnswer Close(IReadOnlyList<TaskSettlement> settlements)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        var byTask = new Dictionary<string, TaskSettlement>(StringComparer.Ordinal);
        foreach (var settlement in settlements)
        {
            // Two reports on one task: the less settled one counts.
            if (!byTask.TryGetValue(settlement.TaskArn, out var seen) || Rank(settlement) > Rank(seen))
            {
                byTask[settlement.TaskArn] = settlement;
            }
        }

        var failures = new List<BatchItemFailure>();
        var failing = 0;
        foreach (var entry in _entries)
        {
            var rank = entry.Verdict is { } verdict
                ? verdict.Rejected ? FailedRank : DoneRank
                : entry.TaskArns.Select(arn => byTask.TryGetValue(arn, out var s) ? Rank(s) : FailedRank).DefaultIfEmpty(DoneRank).Max();
            if (rank == DoneRank)
            {
                continue;
            }

            failures.Add(new BatchItemFailure(entry.MessageId));
            failing += rank == FailedRank ? 1 : 0;
        }

        return new BatchAnswer(new SqsBatchResponse(failures), failing);
    }

    private static int Rank(TaskSettlement settlement) =>
        settlement.Settled ? DoneRank : settlement.DeferredByBrake ? DeferredRank : FailedRank;

    private string Add(StoppedTask task, int receiveCount)
    {
        var arn = task.Task.Value;
        if (_positions.TryGetValue(arn, out var at))
        {
            _tasks[at] = _tasks[at] with { ReceiveCount = Math.Max(_tasks[at].ReceiveCount, receiveCount) };
        }
        else
        {
            _positions[arn] = _tasks.Count;
            _tasks.Add(task with { ReceiveCount = receiveCount });
        }

        return arn;
    }

    private sealed record Entry(string MessageId, MessageVerdict? Verdict, IReadOnlyList<string> TaskArns);
}
