namespace Cleanup.Aws;

/// <summary>
/// One copy of the strings a fleet repeats on every item (tag keys, cluster ARNs, role names, resource types): a
/// 10,000-node sweep otherwise holds tens of thousands of equal strings, each deserialized anew. Bounded, so a
/// registry full of distinct values cannot grow it without limit in a warm Lambda; past the bound a value is
/// simply kept as it came.
/// </summary>
internal sealed class StringPool(int capacity = StringPool.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    public string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (_pool.TryGetValue(value, out var shared))
            {
                return shared;
            }

            if (_pool.Count < capacity)
            {
                _pool[value] = value;
            }

            return value;
        }
    }
}
