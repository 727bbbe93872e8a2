namespace Cleanup.Bench.Burst;

/// <summary>One receive of a queued message: the receipt names this receive only, as an SQS receipt handle does.</summary>
public sealed record ReceivedMessage(string MessageId, string Body, int ReceiveCount, long Receipt);

/// <summary>
/// An in-memory SQS standard queue with a redrive policy, in real time: a received message is invisible for the
/// visibility timeout (counted from the receive, as SQS does: a failed message is simply not deleted and comes back
/// when it runs out), and a message already received <c>maxReceiveCount</c> times moves to the dead-letter queue
/// instead of being received again. Thread-safe: the mapping's pollers share it.
/// </summary>
public sealed class QueueSimulator(TimeProvider time, TimeSpan visibilityTimeout, int maxReceiveCount)
{
    private readonly Lock _gate = new();
    private readonly List<Message> _messages = [];
    private readonly List<string> _deadLetters = [];
    private long _nextReceipt;
    private int _nextId;

    /// <summary>Messages still in the queue, visible or in flight.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    public IReadOnlyList<string> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                return [.. _deadLetters];
            }
        }
    }

    /// <summary>
    /// Deletes that named an older receive of a message received again since (its visibility ran out while it was
    /// being handled): the message was handed out twice.
    /// </summary>
    public int StaleDeletes { get; private set; }

    /// <summary>The highest receive count any message reached: how close the run came to the dead-letter queue.</summary>
    public int MostReceives { get; private set; }

    public string Send(string body)
    {
        lock (_gate)
        {
            var id = $"{++_nextId:D8}-0000-4000-8000-{_nextId:D12}";
            _messages.Add(new Message(id, body) { VisibleAt = DateTimeOffset.MinValue });
            return id;
        }
    }

    /// <summary>Up to <paramref name="max"/> visible messages, oldest first, each now invisible for the visibility timeout.</summary>
    public IReadOnlyList<ReceivedMessage> Receive(int max)
    {
        var now = time.GetUtcNow();
        var received = new List<ReceivedMessage>();
        lock (_gate)
        {
            for (var i = 0; i < _messages.Count && received.Count < max; i++)
            {
                var message = _messages[i];
                if (message.VisibleAt > now)
                {
                    continue;
                }

                // SQS's redrive: the receive that would exceed maxReceiveCount moves the message instead.
                if (message.ReceiveCount >= maxReceiveCount)
                {
                    _deadLetters.Add(message.Id);
                    _messages.RemoveAt(i--);
                    continue;
                }

                message.ReceiveCount++;
                MostReceives = Math.Max(MostReceives, message.ReceiveCount);
                message.Receipt = ++_nextReceipt;
                message.VisibleAt = now + visibilityTimeout;
                received.Add(new ReceivedMessage(message.Id, message.Body, message.ReceiveCount, message.Receipt));
            }
        }

        return received;
    }

    /// <summary>Deletes the message if <paramref name="received"/> is its latest receive; false if it was not.</summary>
    public bool Delete(ReceivedMessage received)
    {
        ArgumentNullException.ThrowIfNull(received);
        lock (_gate)
        {
            // Received again after its visibility ran out: that later receive owns it now (SQS documents that a
            // delete with an older receipt handle may leave the message in the queue; this model always does), or
            // has already deleted it.
            var index = _messages.FindIndex(m => m.Id == received.MessageId);
            if (index < 0 || _messages[index].Receipt != received.Receipt)
            {
                StaleDeletes++;
                return false;
            }

            _messages.RemoveAt(index);
            return true;
        }
    }

    private sealed class Message(string id, string body)
    {
        public string Id { get; } = id;

        public string Body { get; } = body;

        public int ReceiveCount { get; set; }

        public long Receipt { get; set; }

        public DateTimeOffset VisibleAt { get; set; }
    }
}
