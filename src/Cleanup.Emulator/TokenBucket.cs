namespace Cleanup.Emulator;

/// <summary>One operation's share of a <see cref="RateLimit"/>; starts full so a quiet operation may burst.</summary>
internal sealed class TokenBucket
{
    // Refills are sums of fractional seconds times a fractional rate; a token short only by rounding must still count.
    private const double Tolerance = 1e-9;

    private readonly Lock _gate = new();
    private readonly RateLimit _limit;
    private readonly TimeProvider _clock;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public TokenBucket(RateLimit limit, TimeProvider clock)
    {
        _limit = limit;
        _clock = clock;
        _tokens = limit.Burst;
        _refilledAt = clock.GetUtcNow();
    }

    public bool TryTake()
    {
        lock (_gate)
        {
            // GetUtcNow rather than GetTimestamp: it is what ManualClock drives. A wall clock stepping backwards
            // (NTP) must not drain the bucket or stall it, so only forward time refills and the mark always moves.
            var now = _clock.GetUtcNow();
            var elapsed = now - _refilledAt;
            _refilledAt = now;
            if (elapsed > TimeSpan.Zero)
            {
                _tokens = Math.Min(_limit.Burst, _tokens + (elapsed.TotalSeconds * _limit.PerSecond));
            }

            if (_tokens < 1 - Tolerance)
            {
                return false;
            }

            _tokens = Math.Max(0, _tokens - 1);
            return true;
        }
    }
}
