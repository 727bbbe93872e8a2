namespace Cleanup.Lease;

/// <summary>
/// One sweep at a time without reserved concurrency: a lease in an SSM parameter, taken by compare-and-swap and given
/// back when the run ends. A holder that dies is outlived by its lease for at most <paramref name="duration"/>, which
/// is longer than any run may last (the function's timeout plus a margin for clocks), so nothing ever waits forever.
/// </summary>
public sealed class SweepLease(ILeaseStore store, string name, TimeSpan duration, TimeProvider time)
{
    private const int ReleaseAttempts = 3;

    public string Name => name;

    public async Task<LeaseOutcome> AcquireAsync(string holder, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(name, cancellationToken);
        var now = time.GetUtcNow();
        string? tookOverFrom = null;
        if (stored is not null)
        {
            // A value that is not a lease record counts as held since it was written: a sweep never runs beside a
            // holder it cannot see, and such a value still ends.
            var record = LeaseRecord.Parse(stored.Value);
            if (record is null or { IsHeld: true })
            {
                var expires = record?.Expires ?? stored.LastModified + duration;
                var who = record?.Holder ?? "an unreadable value";
                if (now < expires)
                {
                    return new BusyLease(name, $"another sweep holds the lease {name} ({Quote(who)}) until {Stamp(expires)}");
                }

                tookOverFrom = $"{Quote(who)}, expired {Stamp(expires)}";
            }
        }

        // The compare-and-swap: every write makes the next version, so exactly one of the sweeps that read version v
        // gets v + 1 back. The others lost the race; their own write is left alone (rewriting it could free the
        // winner's lease) and only delays the next sweep until it expires.
        var mine = new LeaseRecord(holder, now, now + duration);
        var written = await store.WriteAsync(name, mine.ToJson(), overwrite: stored is not null, cancellationToken);
        var expected = (stored?.Version ?? 0) + 1;
        return written == expected
            ? new HeldLease(name, holder, expected, now + duration, tookOverFrom)
            : new BusyLease(name, $"another sweep took the lease {name} at the same moment");
    }

    /// <summary>Gives the lease back; false when it had already expired (another sweep may hold it by now).</summary>
    public async Task<bool> ReleaseAsync(HeldLease held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
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

    // The holder is whatever the parameter says (anybody with PutParameter may have written it): printable and short
    // before it reaches a log line.
    private static string Quote(string value) => Events.Printable.Cut(value, 200);
}
