namespace Cleanup.Emulator;

/// <summary>
/// The system clock shifted by an offset that can only move forward: start it in the past to build a fleet whose
/// registrations are already old, then <see cref="Advance"/> it to real time. It ticks in real time throughout.
/// </summary>
public sealed class OffsetClock : TimeProvider
{
    private readonly TimeProvider _system;
    private readonly Lock _gate = new();
    private TimeSpan _offset;

    public OffsetClock(TimeSpan offset, TimeProvider? system = null)
    {
        _offset = offset;
        _system = system ?? System;
    }

    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _offset;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _system.GetUtcNow() + _offset;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _offset += by;
        }
    }
}
