namespace Cleanup.Lease;

/// <summary>
/// Where the sweep lease lives (an SSM parameter). Two operations are enough for a compare-and-swap: a create that
/// fails when the name exists, and an overwrite whose answer is the version it made, numbered one after another.
/// </summary>
public interface ILeaseStore
{
    /// <summary>The stored value and its version, or null when the parameter does not exist.</summary>
    Task<StoredLease?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the value and returns the version it became, or null when nothing was written because another writer
    /// got there: with <paramref name="overwrite"/> false the name already existed, or a concurrent write was under way.
    /// </summary>
    Task<long?> WriteAsync(string name, string value, bool overwrite, CancellationToken cancellationToken);
}

/// <summary>One read of the lease parameter: its value, version and when it was last written (the store's clock).</summary>
public sealed record StoredLease(string Value, long Version, DateTimeOffset LastModified);
