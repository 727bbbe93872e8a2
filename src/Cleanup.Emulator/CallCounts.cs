namespace Cleanup.Emulator;

/// <summary>
/// How calls fared: <see cref="Calls"/> received (refused ones included), <see cref="Throttled"/> answered
/// ThrottlingException (by the quota or an injected fault), <see cref="Errors"/> answered anything but HTTP 200.
/// </summary>
public sealed record CallCounts(int Calls, int Throttled, int Errors)
{
    public static CallCounts None { get; } = new(0, 0, 0);

    internal CallCounts Add(RecordedCall call) => new(
        Calls + 1,
        Throttled + (call.ErrorCode == CallLog.Throttling ? 1 : 0),
        Errors + (call.StatusCode == 200 ? 0 : 1));
}
