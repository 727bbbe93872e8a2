using System.Collections.Concurrent;

namespace Cleanup.Emulator;

/// <summary>
/// The emulator's request quotas: one token bucket per operation (the X-Amz-Target suffix), so heavy
/// DescribeInstanceInformation paging does not use up DeregisterManagedInstance's quota, as with AWS.
/// Changeable while the emulator runs, so a bench can build its fleet unthrottled and then switch the quota on.
/// </summary>
public sealed class RateLimiter
{
    private readonly TimeProvider _clock;

    // Swapped whole, never mutated: a request reads it once without a lock, and a change can't mix old and new buckets.
    private volatile Quota? _quota;

    internal RateLimiter(RateLimit? limit, TimeProvider clock)
    {
        _clock = clock;
        Set(limit);
    }

    /// <summary>The quota in force, or null when calls are unlimited.</summary>
    public RateLimit? Current => _quota?.Limit;

    /// <summary>Puts <paramref name="limit"/> in force (null = unlimited); every operation starts again with a full bucket.</summary>
    public void Set(RateLimit? limit) => _quota = limit is null ? null : new Quota(limit, _clock);

    /// <summary>Takes a token for one call; false means the call must be answered ThrottlingException.</summary>
    internal bool TryAcquire(string operation) => _quota?.TryTake(operation) ?? true;

    private sealed class Quota(RateLimit limit, TimeProvider clock)
    {
        // Keys are only operations a service knows (the endpoint checks before asking), so this cannot grow unbounded.
        private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

        public RateLimit Limit { get; } = limit;

        private TimeProvider Clock { get; } = clock;

        public bool TryTake(string operation) =>
            _buckets.GetOrAdd(operation, static (_, quota) => new TokenBucket(quota.Limit, quota.Clock), this).TryTake();
    }
}
