using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Cleanup.Cli.Demo;

namespace Cleanup.Bench.Burst;

/// <summary>The SQS event source mapping's settings, with the window in real (bench) time.</summary>
public sealed record MappingSettings(int BatchSize, TimeSpan BatchingWindow, int MaximumConcurrency, string Region, string Account);

/// <summary>What the mapping did: invocations, messages handed back, and whole batches lost to a thrown error.</summary>
public sealed record MappingStats(int Batches, int ThrownBatches, int MessagesReturned, TimeSpan LongestInvocation, bool TimedOut);

/// <summary>
/// Drives a handler from a <see cref="QueueSimulator"/> the way Lambda's SQS event source mapping does: up to
/// MaximumConcurrency pollers, each gathering up to BatchSize visible messages (waiting at most the batching window
/// once it has one), invoking the handler with the SQS event, deleting every message not named in
/// batchItemFailures. Named messages and the whole batch of a thrown error stay in the queue until their
/// visibility timeout runs out. Each poller has its own handler, as each concurrent invocation has its own execution
/// environment (and so its own SDK clients).
/// </summary>
public sealed class EventSourceMapping(QueueSimulator queue, MappingSettings settings, Func<Stream, Task<Stream>>[] handlers)
{
    // How often an idle poller looks again; small against the window and the visibility timeout.
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(20);

    private int _batches;
    private int _thrown;
    private int _returned;
    private long _longestTicks;

    /// <summary>Runs until the queue is empty, or until <paramref name="cap"/> has passed (then TimedOut).</summary>
    public async Task<MappingStats> RunAsync(TimeSpan cap, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(cap);
        var pollers = handlers.Take(settings.MaximumConcurrency).Select(h => PollAsync(h, limit.Token));
        await Task.WhenAll(pollers);
        cancellationToken.ThrowIfCancellationRequested();
        return new MappingStats(_batches, _thrown, _returned, TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks)), limit.IsCancellationRequested);
    }

    private async Task PollAsync(Func<Stream, Task<Stream>> handler, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && queue.Count > 0)
        {
            var batch = await GatherAsync(cancellationToken);
            if (batch.Count > 0)
            {
                await InvokeAsync(handler, batch);
            }
        }
    }

    private async Task<List<ReceivedMessage>> GatherAsync(CancellationToken cancellationToken)
    {
        var batch = new List<ReceivedMessage>();
        var firstAt = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            batch.AddRange(queue.Receive(settings.BatchSize - batch.Count));
            if (batch.Count > 0 && firstAt == DateTimeOffset.MinValue)
            {
                firstAt = TimeProvider.System.GetUtcNow();
            }

            var windowOver = batch.Count > 0 && TimeProvider.System.GetUtcNow() - firstAt >= settings.BatchingWindow;
            if (batch.Count == settings.BatchSize || windowOver || (batch.Count == 0 && queue.Count == 0))
            {
                break;
            }

            try
            {
                await Task.Delay(_pollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return batch;
    }

    private async Task InvokeAsync(Func<Stream, Task<Stream>> handler, List<ReceivedMessage> batch)
    {
        Interlocked.Increment(ref _batches);
        var started = Stopwatch.GetTimestamp();
        HashSet<string> failed;
        try
        {
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(BuildEvent(batch)));
            await using var output = await handler(input);
            failed = FailedIds(output);
        }
#pragma warning disable CA1031 // Lambda turns any thrown error into "the whole batch failed"; so does the model.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _thrown);
            failed = [.. batch.Select(m => m.MessageId)];
        }

        // An invocation longer than the visibility timeout has its messages handed out again while it runs.
        var ticks = Stopwatch.GetElapsedTime(started).Ticks;
        for (var seen = Interlocked.Read(ref _longestTicks); ticks > seen; seen = Interlocked.Read(ref _longestTicks))
        {
            Interlocked.CompareExchange(ref _longestTicks, ticks, seen);
        }

        foreach (var message in batch)
        {
            if (failed.Contains(message.MessageId))
            {
                Interlocked.Increment(ref _returned);
            }
            else
            {
                queue.Delete(message);
            }
        }
    }

    // Each record carries its own ApproximateReceiveCount, so records are built one by one and joined.
    private string BuildEvent(List<ReceivedMessage> batch)
    {
        var records = batch.Select(m =>
        {
            var single = SqsBatch.Build([(m.MessageId, m.Body)], settings.Region, settings.Account, m.ReceiveCount);
            using var document = JsonDocument.Parse(single);
            return document.RootElement.GetProperty("Records")[0].GetRawText();
        });
        return $$"""{"Records":[{{string.Join(',', records)}}]}""";
    }

    private static HashSet<string> FailedIds(Stream output)
    {
        using var document = JsonDocument.Parse(output);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("batchItemFailures", out var failures))
        {
            foreach (var failure in failures.EnumerateArray())
            {
                ids.Add(failure.GetProperty("itemIdentifier").GetString() ?? string.Empty);
            }
        }

        return ids;
    }
}
