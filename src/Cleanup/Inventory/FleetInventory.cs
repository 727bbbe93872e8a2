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

    /// <summary>Why the legacy candidates could not be read (adoption is off for the run, and the run fails), or null.</summary>
    public ReadFailure? LegacyUnread { get; init; }

    /// <summary>Tasks (by evidence key) whose SSM reads failed: nothing of theirs is in the inventory, so nothing is settled.</summary>
    public IReadOnlyDictionary<TaskKey, string> Unread { get; init; } = new Dictionary<TaskKey, string>();

    /// <summary>Nodes whose claim could not be derived from a name or an activation, so their tags were read one by one.</summary>
    public int TagReads { get; init; }

    /// <summary>Of <see cref="TagReads"/>, nodes whose tags SSM refused to show (AccessDenied): left out, as foreign nodes are.</summary>
    public int TagReadsDenied { get; init; }

    /// <summary>
    /// Why ECS could not be asked (an outage: a failed call, or no answer for any task), or null when it answered. A
    /// cluster ECS denied (while others answered) or a task it rejected is about that cluster or task alone and is not
    /// an outage: those items are kept and counted (<see cref="DeniedClusters"/>), and the rest of the fleet goes on.
    /// </summary>
    public ReadFailure? EcsCouldNotBeAsked()
    {
        var failed = Tasks.Values.FirstOrDefault(e => e.CallFailed);
        if (failed is not null)
        {
            var count = Tasks.Values.Count(e => e.CallFailed);
            return new(failed.ErrorCode ?? "ClientError", $"ECS could not be asked about {count} of {Tasks.Count} task(s) ({failed.Error}); their items were kept");
        }

        // Denied everywhere is the role, not a cluster: nothing in the fleet could be judged.
        if (Tasks.Count > 0 && Tasks.Values.All(e => e.Denied))
        {
            var denied = Tasks.Values.First();
            return new(denied.ErrorCode ?? "AccessDeniedException", $"ECS denied access to every cluster asked about ({denied.Error}); every item was kept");
        }

        // One task refused is about that task; every one of several refused is ECS refusing us (e.g. ClientException).
        if (Tasks.Count > 1 && Tasks.Values.All(e => e.Rejected))
        {
            var refused = Tasks.Values.First();
            return new(refused.ErrorCode ?? "ClientException", $"ECS refused every one of the {Tasks.Count} task(s) asked about ({refused.Error}); every item was kept");
        }

        var unanswered = Tasks.Values.Where(e => !e.Denied && !e.Rejected).ToList();
        return unanswered.Count > 0 && unanswered.All(e => e.State == TaskState.Unknown)
            ? new("NoAnswer", $"ECS answered for none of the {unanswered.Count} task(s) asked about (a wrong endpoint or a proxy?); every item was kept")
            : null;
    }

    /// <summary>Clusters ECS denied access to (AccessDenied): their items were kept, sorted.</summary>
    public IReadOnlyList<string> DeniedClusters() =>
        [.. Tasks.Values.Where(e => e.Denied && e.ClusterArn is not null).Select(e => e.ClusterArn!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>A read that failed: the AWS error code (for exit codes and metrics) and what was said.</summary>
public sealed record ReadFailure(string ErrorCode, string Message)
{
    public override string ToString() => $"{ErrorCode}: {Message}";
}
