namespace Cleanup.Inventory;

/// <summary>
/// Everything the planner may decide about: candidate nodes and activations, what ECS said about their tasks, and
/// (for the legacy matcher) dead tasks with their addresses. <see cref="WholeFleet"/> says whether the nodes are
/// every owned node, which the percentage brake and the exhausted-activation rule rely on.
/// </summary>
public sealed record FleetInventory(
    IReadOnlyList<ManagedNode> Nodes,
    IReadOnlyList<HybridActivation> Activations,
    IReadOnlyDictionary<TaskKey, TaskEvidence> Tasks,
    bool WholeFleet = false)
{
    /// <summary>Stopped tasks of the allowed clusters with their ENI addresses, for legacy adoption only.</summary>
    public IReadOnlyList<EcsTask> LegacyCandidates { get; init; } = [];

    /// <summary>Tasks (by evidence key) whose SSM reads failed: nothing of theirs is in the inventory, so nothing is settled.</summary>
    public IReadOnlyDictionary<TaskKey, string> Unread { get; init; } = new Dictionary<TaskKey, string>();

    /// <summary>Nodes whose claim could not be derived from a name or an activation, so their tags were read one by one.</summary>
    public int TagReads { get; init; }

    /// <summary>Why ECS could not be asked (a failed call, or no answer for any task), or null when it answered.</summary>
    public string? EcsCouldNotBeAsked()
    {
        var failed = Tasks.Values.FirstOrDefault(e => e.CallFailed);
        if (failed is not null)
        {
            var count = Tasks.Values.Count(e => e.CallFailed);
            return $"ECS could not be asked about {count} of {Tasks.Count} task(s) ({failed.Error}); their items were kept";
        }

        return Tasks.Count > 0 && Tasks.Values.All(e => e.State == TaskState.Unknown)
            ? $"ECS answered for none of the {Tasks.Count} task(s) asked about (a wrong endpoint or a proxy?); every item was kept"
            : null;
    }
}
