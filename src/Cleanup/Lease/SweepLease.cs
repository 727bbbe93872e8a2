namespace Cleanup.Lease;

/// <summary>
/// One sweep at a time without reserved concurrency: a lease in an SSM parameter, taken by compare-and-swap and given
/// back when the run ends. A holder that dies is outlived by its lease for at most <paramref name="duration"/>, which
/// is longer than any run may last (the function's timeout plus a margin for clocks), so nothing ever waits forever.
/// </summary>
/// <remarks>
/// A held lease ends <paramref name="duration"/> after SSM last wrote the parameter (its LastModifiedDate, SSM's
/// clock), whatever the value says: the <c>expires</c> a holder writes comes from the holder's clock, and a value
/// with a far-future expiry (or a holder whose clock runs ahead) would block every sweep for ever, while a holder
/// whose clock runs behind would be taken over at once. The value's own expiry is only quoted in the evidence.
/// </remarks>
public sealed class SweepLease(ILeaseStore store, string name, TimeSpan duration, TimeProvider time)
{
    private const int ReleaseAttempts = 3;

    // How far a value's own expiry may differ from the one judged before the evidence mentions it: a holder's
    // clock and SSM's are never exactly one, and a second of difference is noise.
    private static readonly TimeSpan _claimTolerance = TimeSpan.FromSeconds(5);

    public string Name => name;

    public async Task<LeaseOutcome> AcquireAsync(string holder, CancellationToken cancellationToken)
    {
        // The parameter is the stack's (or made on purpose by whoever runs the CLI): a sweep never creates it, because
        // a mistyped name would become a lease no other sweep reads, and "one sweep at a time" would be untrue.
        if (await store.ReadAsync(name, cancellationToken) is not { } stored)
        {
            return new MissingLease(name);
        }

        var now = time.GetUtcNow();
        string? tookOverFrom = null;

        // A value that is not a lease record counts as held since it was written: a sweep never runs beside a
        // holder it cannot see, and such a value still ends.
        var record = LeaseRecord.Parse(stored.Value);
        if (record is null or { IsHeld: true })
        {
            var expires = stored.LastModified + duration;
            var who = (record?.Holder is { } h ? Quote(h) : "an unreadable value") + Claimed(record?.Expires, expires);
            if (now < expires)
            {
                return new BusyLease(name, $"another sweep holds the lease {name} ({who}) until {Stamp(expires)}");
            }

            tookOverFrom = $"{who}, expired {Stamp(expires)}";
        }

        // The compare-and-swap: every write makes the next version, so exactly one of the sweeps that read version v
        // gets v + 1 back. The others lost the race; their own write is left alone (rewriting it could free the
        // winner's lease) and only delays the next sweep until it expires.
        var mine = new LeaseRecord(holder, now, now + duration);
        var written = await store.WriteAsync(name, mine.ToJson(), overwrite: true, cancellationToken);
        var expected = stored.Version + 1;
        return written == expected
            ? new HeldLease(name, holder, expected, now + duration, tookOverFrom)
            : new BusyLease(name, $"another sweep took the lease {name} at the same moment");
    }

    /// <summary>Gives the lease back; false when it had already expired (another sweep may hold it by now).</summary>
    public async Task<bool> ReleaseAsync(HeldLease held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);

        // Others judge this lease by the LastModifiedDate of our claim + duration, on SSM's clock. held.Expires is our
        // clock's reading taken before the claim was sent + duration, so "now < held.Expires" means less than
        // duration has passed since a moment that precedes the claim's LastModifiedDate: whatever our clock's offset,
        // the others' expiry has not come either (only the others' offset from SSM counts, which the margin in
        // duration covers, as it does for every takeover). Reading our write's LastModifiedDate back would cost a
        // call and judge it with the same clock, for nothing safer.
        if (time.GetUtcNow() >= held.Expires)
        {
            return false;
        }

        // Before it expires nobody may take the lease over, so whatever was written after our version is the claim of
        // a sweep that lost the race and is not running: overwriting it frees the lease for the next sweep. A write
        // refused because such a claim was being written at that moment is tried again.
        for (var attempt = 1; ; attempt++)
        {
            if (await store.WriteAsync(name, LeaseRecord.Free.ToJson(), overwrite: true, cancellationToken) is not null)
            {
                return true;
            }

            if (attempt == ReleaseAttempts)
            {
                throw new Inventory.RegistryException("TooManyUpdates", $"{ReleaseAttempts} writes of the release were refused for concurrent updates");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, cancellationToken);
        }
    }

    // Times in lease messages read like the ones in every decision's evidence.
    internal static string Stamp(DateTimeOffset at) => Plan.EvidenceBuilder.Time(at)!;

    // What the value claimed, when it is not what was judged: a person reading "held until 09:06" next to a value
    // that says 2099 should see why.
    private static string Claimed(DateTimeOffset? claimed, DateTimeOffset judged) =>
        claimed is { } c && (c - judged).Duration() > _claimTolerance ? $", its value claims until {Stamp(c)}" : string.Empty;

    // The holder is whatever the parameter says (anybody with PutParameter may have written it): printable and short
    // before it reaches a log line.
    private static string Quote(string value) => Events.Printable.Cut(value, 200);
}
