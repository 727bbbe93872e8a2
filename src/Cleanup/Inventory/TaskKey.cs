namespace Cleanup.Inventory;

/// <summary>
/// What ECS's evidence is about: a task in a cluster. A task ARN alone is not enough: an item tagged with a live
/// task's ARN but another cluster must get that cluster's answer, not borrow the live one (nor poison the dead one).
/// </summary>
public readonly record struct TaskKey(string ClusterArn, string TaskArn)
{
    public static Dictionary<TaskKey, TaskEvidence> Index(IEnumerable<TaskEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var index = new Dictionary<TaskKey, TaskEvidence>();
        foreach (var item in evidence)
        {
            index[item.Key] = item;
        }

        return index;
    }
}
