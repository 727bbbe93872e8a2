namespace Cleanup.Batch;

/// <summary>
/// The batch's answer and how many of the messages it returns are failures; the others were deferred by the brake,
/// load shed by design.
/// </summary>
public sealed record BatchAnswer(SqsBatchResponse Response, int Failing);
