using Cleanup.Inventory;

namespace Cleanup.Tests.Plan;

/// <summary>Evidence keyed as the inventory keys it (by cluster and task id), for inventories built by hand.</summary>
internal static class EvidenceIndex
{
    public static Dictionary<TaskKey, TaskEvidence> Of(IEnumerable<TaskEvidence> evidence)
    {
        var index = new Dictionary<TaskKey, TaskEvidence>();
        foreach (var item in evidence)
        {
            index[item.Key] = item;
        }

        return index;
    }
}
