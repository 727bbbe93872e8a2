namespace Cleanup.Events;

/// <summary>
/// An SQS batch from the event source mapping: every message is judged on its own, so one malformed message never
/// holds back the others, and the handler can name exactly the messages that must come back.
/// </summary>
public sealed record QueuedBatch(IReadOnlyList<QueuedMessage> Messages) : ParsedEvent;

/// <summary>
/// One SQS message and what its body said (accepted, ignored or rejected), with SQS's ApproximateReceiveCount: how
/// often it has been handed out, so the oldest work goes first when a run cannot take all of it.
/// </summary>
public sealed record QueuedMessage(string MessageId, ParsedEvent Event, int ReceiveCount = 1);
