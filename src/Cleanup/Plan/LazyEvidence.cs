using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Cleanup.Plan;

/// <summary>
/// A decision's evidence, built the first time anyone reads it. The planner decides on every item of the fleet, but
/// only the items a log line, a report or a test looks at need their evidence spelled out, so a decision records
/// what its evidence is made of and the sorted map (ordinal keys, as before) is built when read. It is not kept: the
/// run log reads every decision's evidence once, as it is applied, and a sweep holds every decision until its summary,
/// so keeping the maps would make the function's memory grow with the fleet (about 3 KB a decision).
/// </summary>
internal abstract class LazyEvidence : IReadOnlyDictionary<string, string>
{
    private SortedDictionary<string, string> Map => Build();

    public string this[string key] => Map[key];

    public IEnumerable<string> Keys => Map.Keys;

    public IEnumerable<string> Values => Map.Values;

    public int Count => Map.Count;

    public bool ContainsKey(string key) => Map.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => Map.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Map.ToString()!;

    /// <summary>Writes the evidence into an empty map.</summary>
    protected abstract void Fill(SortedDictionary<string, string> evidence);

    private SortedDictionary<string, string> Build()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Fill(map);
        return map;
    }
}
