using Cleanup.Emulator;
using Cleanup.Lease;

namespace Cleanup.Tests.Lease;

public class SweepLeaseTests
{
    private const string Name = "/cleanup/stack/sweep-lease";
    private static readonly TimeSpan _duration = TimeSpan.FromMinutes(6);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryLeaseStore _store;
    private readonly SweepLease _lease;

    public SweepLeaseTests()
    {
        _store = new InMemoryLeaseStore(_clock);
        _lease = new SweepLease(_store, Name, _duration, _clock);
    }

    // What the stack creates.
    private void Deployed() => _store.Put(Name, LeaseRecord.Free.ToJson(), overwrite: false);

    private LeaseRecord Current => LeaseRecord.Parse(_store[Name]!.Value)!;

    [Fact]
    public async Task Acquire_FreeLease_HoldsItUntilTheDurationHasPassed()
    {
        _store.Put(Name, LeaseRecord.Free.ToJson(), overwrite: false);

        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.Equal(2, held.Version);
        Assert.Equal(_clock.GetUtcNow() + _duration, held.Expires);
        Assert.Null(held.TookOverFrom);
        Assert.Equal("sweep-a", Current.Holder);
        Assert.Equal(held.Expires, Current.Expires);
    }

    [Fact]
    public async Task Acquire_NoParameter_IsMissingAndCreatesNothing()
    {
        var missing = Assert.IsType<MissingLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.Contains(Name, missing.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, _store.Writes);
        Assert.Null(_store[Name]);
    }

    [Fact]
    public async Task Acquire_FarFutureExpiry_IsJudgedFromLastModified_NotTheValue()
    {
        _store.Put(Name, new LeaseRecord("sweep-from-2099", _clock.GetUtcNow(), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToJson(), overwrite: false);

        _clock.Advance(_duration - TimeSpan.FromSeconds(1));
        var busy = Assert.IsType<BusyLease>(await _lease.AcquireAsync("sweep-a", default));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.Contains("until 2026-11-27T09:06:00Z", busy.Explanation, StringComparison.Ordinal);
        Assert.Contains("its value claims until 2099-01-01T00:00:00Z", busy.Explanation, StringComparison.Ordinal);
        Assert.Contains("sweep-from-2099", held.TookOverFrom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_HolderWhoseClockIsSlow_IsNotTakenOverEarly()
    {
        // The holder's clock is 10 minutes behind: the expiry it wrote has passed on everybody else's clock already.
        var slow = _clock.GetUtcNow() - TimeSpan.FromMinutes(10);
        _store.Put(Name, new LeaseRecord("slow-clock-sweep", slow, slow + _duration).ToJson(), overwrite: false);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var busy = Assert.IsType<BusyLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.Contains("slow-clock-sweep", busy.Explanation, StringComparison.Ordinal);
        Assert.Equal("slow-clock-sweep", Current.Holder);
    }

    [Fact]
    public async Task Acquire_HeldByAnotherSweep_IsBusyAndWritesNothing()
    {
        Deployed();
        Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));
        var writes = _store.Writes;
        _clock.Advance(_duration - TimeSpan.FromSeconds(1));

        var busy = Assert.IsType<BusyLease>(await _lease.AcquireAsync("sweep-b", default));

        Assert.Contains("sweep-a", busy.Explanation, StringComparison.Ordinal);
        Assert.Contains("09:06:00Z", busy.Explanation, StringComparison.Ordinal);
        Assert.Equal(writes, _store.Writes);
        Assert.Equal("sweep-a", Current.Holder);
    }

    [Fact]
    public async Task Acquire_HolderDiedAndItsLeaseExpired_TakesOverAndNamesIt()
    {
        Deployed();
        Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));
        _clock.Advance(_duration);

        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-b", default));

        Assert.Contains("sweep-a", held.TookOverFrom, StringComparison.Ordinal);
        Assert.Equal("sweep-b", Current.Holder);
    }

    [Fact]
    public async Task Acquire_ValueThatIsNoLease_CountsAsHeldSinceItWasWritten()
    {
        _store.Put(Name, "locked by ops, do not touch", overwrite: false);

        _clock.Advance(_duration - TimeSpan.FromSeconds(1));
        var busy = Assert.IsType<BusyLease>(await _lease.AcquireAsync("sweep-a", default));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.Contains("an unreadable value", busy.Explanation, StringComparison.Ordinal);
        Assert.Contains("an unreadable value", held.TookOverFrom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_AnotherSweepWroteBetweenTheReadAndTheWrite_LosesTheRace()
    {
        _store.Put(Name, LeaseRecord.Free.ToJson(), overwrite: false);
        _store.BeforeWrite = () => _store.Put(Name, new LeaseRecord("sweep-b", _clock.GetUtcNow(), _clock.GetUtcNow() + _duration).ToJson(), overwrite: true);

        var busy = Assert.IsType<BusyLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.Contains("at the same moment", busy.Explanation, StringComparison.Ordinal);
        Assert.Equal(3, _store[Name]!.Version);
    }

    [Fact]
    public async Task Release_BeforeExpiry_FreesTheLeaseEvenOverALoserClaim()
    {
        Deployed();
        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));
        // A sweep that read the same version wrote its claim after ours and lost: it is not running.
        _store.Put(Name, new LeaseRecord("sweep-b", _clock.GetUtcNow(), _clock.GetUtcNow() + _duration).ToJson(), overwrite: true);
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await _lease.ReleaseAsync(held, default));

        Assert.False(Current.IsHeld);
        Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-c", default));
    }

    [Fact]
    public async Task Release_AfterExpiry_LeavesTheNextHoldersLeaseAlone()
    {
        Deployed();
        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));
        _clock.Advance(_duration);
        Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-b", default));

        Assert.False(await _lease.ReleaseAsync(held, default));

        Assert.Equal("sweep-b", Current.Holder);
    }

    [Fact]
    public async Task Acquire_HolderNameFromTheParameter_IsQuotedPrintableAndShort()
    {
        _store.Put(Name, $$"""{"holder":"evil\n{\"level\":\"error\"}{{new string('x', 500)}}","expires":"2026-11-27T10:00:00Z"}""", overwrite: false);

        var busy = Assert.IsType<BusyLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.DoesNotContain('\n', busy.Explanation);
        Assert.True(busy.Explanation.Length < 360, busy.Explanation);
    }

    [Fact]
    public async Task Acquire_WriteRefusedForAConcurrentUpdate_LosesTheRace()
    {
        _store.Put(Name, LeaseRecord.Free.ToJson(), overwrite: false);
        _store.RefuseWrites = 1;

        Assert.IsType<BusyLease>(await _lease.AcquireAsync("sweep-a", default));

        Assert.False(Current.IsHeld);
    }

    [Fact]
    public async Task Release_RefusedForAConcurrentUpdate_IsTriedAgain()
    {
        Deployed();
        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));
        _store.RefuseWrites = 2;

        Assert.True(await _lease.ReleaseAsync(held, default));

        Assert.False(Current.IsHeld);
    }

    [Fact]
    public async Task Release_RefusedEveryTime_FailsSayingWhy()
    {
        Deployed();
        var held = Assert.IsType<HeldLease>(await _lease.AcquireAsync("sweep-a", default));
        _store.RefuseWrites = 3;

        var ex = await Assert.ThrowsAsync<Cleanup.Inventory.RegistryException>(() => _lease.ReleaseAsync(held, default));

        Assert.Equal("TooManyUpdates", ex.ErrorCode);
        Assert.True(Current.IsHeld);
    }
}
