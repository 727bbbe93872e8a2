namespace Cleanup.Plan;

/// <summary>Stable reason codes: they appear in logs, results and metrics, so they never change meaning.</summary>
public static class Reasons
{
    // Removals.

    /// <summary>ECS (or its event) reports the owning task STOPPED.</summary>
    public const string TaskStopped = "task-stopped";

    /// <summary>ECS no longer knows the owning task, and the node has been offline past the offline grace.</summary>
    public const string TaskMissing = "task-missing";

    /// <summary>The activation expired: nothing can register with it any more.</summary>
    public const string ActivationExpired = "activation-expired";

    /// <summary>Nobody registered with the activation within the unused-activation grace.</summary>
    public const string ActivationUnused = "activation-unused";

    /// <summary>Every registration of the activation is used and none of its nodes remains.</summary>
    public const string ActivationExhausted = "activation-exhausted";

    /// <summary>Legacy adoption (act): an untagged node matched a stopped task by name, address and lifetime.</summary>
    public const string LegacyTaskStopped = "legacy-task-stopped";

    /// <summary>
    /// Legacy adoption (act): a node an earlier run adopted (tagged with its matched task's ARNs) but did not manage to
    /// deregister; it still matches that stopped task by name, address and lifetime.
    /// </summary>
    public const string LegacyAdoptedTaskStopped = "legacy-adopted-task-stopped";

    // Keeps.

    /// <summary>Missing one of our ownership tags: someone else's node or activation.</summary>
    public const string NotOwned = "not-owned";

    /// <summary>Ownership tags that are not a task and a cluster ARN of this account and region.</summary>
    public const string ForeignTags = "foreign-tags";

    /// <summary>An EC2 instance, not a hybrid (mi-) node: never ours.</summary>
    public const string NotHybridNode = "not-hybrid-node";

    /// <summary>Owned, but by a task this trigger says nothing about.</summary>
    public const string TaskNotInScope = "task-not-in-scope";

    /// <summary>The cluster tag disagrees with the cluster ECS or the event reports for the task.</summary>
    public const string ClusterMismatch = "cluster-mismatch";

    /// <summary>The owning cluster is outside the configured allow-list.</summary>
    public const string ClusterNotAllowed = "cluster-not-allowed";

    /// <summary>Name (DefaultInstanceName) is not the CLUSTER/TASK-ID the convention requires.</summary>
    public const string NameMismatch = "name-mismatch";

    /// <summary>ECS reports the task in a state before STOPPED: alive, even if SSM lost its connection.</summary>
    public const string TaskAlive = "task-alive";

    /// <summary>ECS could not be asked about the task: unknown is never dead.</summary>
    public const string TaskStatusUnknown = "task-status-unknown";

    /// <summary>
    /// ECS denied access to the task's cluster (AccessDenied): unknown is never dead. Only this cluster's items are
    /// kept; the run goes on and the EcsClustersDenied metric's alarm says when it persists.
    /// </summary>
    public const string EcsAccessDenied = "ecs-access-denied";

    /// <summary>The node pinged after its task stopped: something alive still uses it.</summary>
    public const string PingedAfterStop = "pinged-after-stop";

    /// <summary>The node registered after its task's stoppedAt: something other than that task registered it.</summary>
    public const string RegisteredAfterStop = "registered-after-stop";

    /// <summary>
    /// The claim was inferred from the node's name or activation, and SSM's tag filters did not confirm it: only
    /// SSM's own word about a node's tags may delete it.
    /// </summary>
    public const string OwnershipUnproven = "ownership-unproven";

    /// <summary>ECS no longer knows the task, but the node is Online: the two disagree, so nothing is done.</summary>
    public const string OnlineButTaskMissing = "online-but-task-missing";

    /// <summary>The node registered less than the registration grace ago (or when is unknown).</summary>
    public const string RegistrationGrace = "registration-grace";

    /// <summary>The node of a forgotten task has not been offline for the offline grace yet.</summary>
    public const string OfflineGrace = "offline-grace";

    /// <summary>An activation kept because a node registered with it is kept on contradicting evidence.</summary>
    public const string NodeKept = "node-kept";

    /// <summary>The activation is in use or may still be used.</summary>
    public const string ActivationInUse = "activation-in-use";

    /// <summary>Legacy adoption (report): a match that would be deregistered in act mode.</summary>
    public const string LegacyCandidate = "legacy-candidate";

    /// <summary>Legacy adoption: the matched task is still alive.</summary>
    public const string LegacyTaskAlive = "legacy-task-alive";

    /// <summary>Legacy adoption: listing the tasks of every cluster failed, so adoption is off for this run (and it fails).</summary>
    public const string LegacyCandidatesUnread = "legacy-candidates-unread";

    /// <summary>Legacy adoption: more than one task matches the node's address and registration time.</summary>
    public const string LegacyAmbiguous = "legacy-ambiguous";
}
