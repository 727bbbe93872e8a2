namespace Cleanup.Plan;

/// <summary>Stable reason codes: they appear in logs, results and metrics, so they never change meaning.</summary>
public static class Reasons
{
    /// <summary>ECS reported the owning task STOPPED and the item carries that task's ownership tags.</summary>
    public const string TaskStopped = "task-stopped";

    /// <summary>Missing one of our ownership tags: someone else's node or activation.</summary>
    public const string NotOwned = "not-owned";

    /// <summary>An EC2 instance, not a hybrid (mi-) node: never ours.</summary>
    public const string NotHybridNode = "not-hybrid-node";

    /// <summary>Owned, but by a task this trigger says nothing about.</summary>
    public const string TaskNotInScope = "task-not-in-scope";

    /// <summary>The cluster tag disagrees with the event's cluster for the same task ARN.</summary>
    public const string ClusterMismatch = "cluster-mismatch";

    /// <summary>The owning cluster is outside the configured allow-list.</summary>
    public const string ClusterNotAllowed = "cluster-not-allowed";

    /// <summary>Name (DefaultInstanceName) is not the CLUSTER/TASK-ID the convention requires.</summary>
    public const string NameMismatch = "name-mismatch";

    /// <summary>The node pinged after its task stopped: something alive still uses it.</summary>
    public const string PingedAfterStop = "pinged-after-stop";

    /// <summary>An activation kept because a node registered with it is kept.</summary>
    public const string NodeKept = "node-kept";
}
