using Cleanup.Inventory;
using Cleanup.Lease;

namespace Cleanup.Tests.Lease;

/// <summary>
/// A lease store that keeps Parameter Store's rules: a create fails on an existing name, every write makes the next
/// version. <see cref="BeforeWrite"/> lets a test slip another sweep's write in between a read and a write.
/// </summary>
internal sealed class InMemoryLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Dictionary<string, StoredLease> _values = new(StringComparer.Ordinal);

    public Action? BeforeWrite { get; set; }

    public int Writes { get; private set; }

    /// <summary>How many of the next writes SSM refuses for a concurrent update (TooManyUpdates): nothing written.</summary>
    public int RefuseWrites { get; set; }

    /// <summary>Writes of a value this matches fail as SSM's throttling would, after the SDK's retries.</summary>
    public Func<string, bool>? FailWritesOf { get; set; }

    public StoredLease? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>What every read throws, when set: a failure the adapter did not translate (a bug, a cancellation).</summary>
    public Exception? FailReadsWith { get; set; }

    public Task<StoredLease?> ReadAsync(string name, CancellationToken cancellationToken) =>
        FailReadsWith is { } failure ? Task.FromException<StoredLease?>(failure) : Task.FromResult(_values.GetValueOrDefault(name));

    public Task<long?> WriteAsync(string name, string value, bool overwrite, CancellationToken cancellationToken)
    {
        var interloper = BeforeWrite;
        BeforeWrite = null;
        interloper?.Invoke();
        if (RefuseWrites > 0)
        {
            RefuseWrites--;
            return Task.FromResult<long?>(null);
        }

        if (FailWritesOf?.Invoke(value) == true)
        {
            throw new RegistryException("ThrottlingException", "Rate exceeded");
        }

        return Task.FromResult(Put(name, value, overwrite));
    }

    /// <summary>What PutParameter does: null for a create on an existing name, else the new version.</summary>
    public long? Put(string name, string value, bool overwrite)
    {
        Writes++;
        var current = _values.GetValueOrDefault(name);
        if (current is not null && !overwrite)
        {
            return null;
        }

        var version = (current?.Version ?? 0) + 1;
        _values[name] = new StoredLease(value, version, time.GetUtcNow());
        return version;
    }
}
