namespace Cleanup.Batch;

/// <summary>A message not acted on: rejected (it comes back and is a failure) or ignored (it leaves), and why.</summary>
public sealed record MessageVerdict(string MessageId, bool Rejected, string Detail);
