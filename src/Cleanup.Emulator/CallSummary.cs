namespace Cleanup.Emulator;

/// <summary>The call log in numbers: overall, and per operation (X-Amz-Target suffix) in ordinal name order.</summary>
public sealed record CallSummary(CallCounts Total, IReadOnlyDictionary<string, CallCounts> Operations);
