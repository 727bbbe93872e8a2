namespace Cleanup.Emulator;

/// <summary>One request as seen by the emulator. Bodies are deliberately absent: they can hold activation codes.</summary>
public sealed record RecordedCall(string Operation, int StatusCode, string? ErrorCode, DateTimeOffset At);
