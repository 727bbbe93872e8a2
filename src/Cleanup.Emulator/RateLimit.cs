namespace Cleanup.Emulator;

/// <summary>
/// A request quota applied to each operation separately, as AWS meters its APIs: <see cref="PerSecond"/> tokens
/// refill per second into a bucket holding at most <see cref="Burst"/>, and a call that finds it empty is throttled.
/// </summary>
public sealed record RateLimit
{
    /// <param name="perSecond">Sustained calls per second for each operation; fractions allow one call every few seconds.</param>
    /// <param name="burst">Calls an idle operation may make at once; by default the per-second rate rounded up (at least 1).</param>
    public RateLimit(double perSecond, int? burst = null)
    {
        if (!double.IsFinite(perSecond) || perSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "The rate must be a positive number of calls per second.");
        }

        // A bucket smaller than one token could never admit a call, so the default never goes below 1.
        var resolved = burst ?? (int)Math.Clamp(Math.Ceiling(perSecond), 1, int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(resolved, 1, nameof(burst));
        PerSecond = perSecond;
        Burst = resolved;
    }

    public double PerSecond { get; }

    public int Burst { get; }

    public override string ToString() => FormattableString.Invariant($"{PerSecond} calls/s per operation, burst {Burst}");
}
