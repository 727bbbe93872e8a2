namespace Cleanup.Batch;

/// <summary>
/// One message Lambda must return to the queue, named as the SQS event source mapping reads it: its
/// <c>itemIdentifier</c> is the message's SQS messageId.
/// </summary>
public sealed record BatchItemFailure(string ItemIdentifier);
