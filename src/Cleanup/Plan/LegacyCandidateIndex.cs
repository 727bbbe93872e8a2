using Cleanup.Inventory;

namespace Cleanup.Plan;

/// <summary>
/// Legacy candidates by ENI address. A legacy node can only match a task that lists its address, so looking the
/// address up replaces a scan of every candidate for every legacy node; each list keeps the candidates' order.
/// </summary>
internal sealed class LegacyCandidateIndex
{
    private readonly Dictionary<string, List<EcsTask>> _byAddress = new(StringComparer.Ordinal);

    public LegacyCandidateIndex(IReadOnlyList<EcsTask> candidates)
    {
        foreach (var task in candidates)
        {
            var addresses = task.PrivateIPv4Addresses;
            for (var i = 0; i < addresses.Count; i++)
            {
                // A task that lists an address twice is still one candidate for it (a candidate listed twice stays two).
                if (addresses[i] is not { } address || FirstIndexOf(addresses, address) != i)
                {
                    continue;
                }

                if (!_byAddress.TryGetValue(address, out var tasks))
                {
                    _byAddress[address] = tasks = [];
                }

                tasks.Add(task);
            }
        }
    }

    public IReadOnlyList<EcsTask> At(string? address) =>
        address is not null && _byAddress.TryGetValue(address, out var tasks) ? tasks : [];

    private static int FirstIndexOf(IReadOnlyList<string> addresses, string address)
    {
        var i = 0;
        while (!string.Equals(addresses[i], address, StringComparison.Ordinal))
        {
            i++;
        }

        return i;
    }
}
