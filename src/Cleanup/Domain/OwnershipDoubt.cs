namespace Cleanup.Domain;

/// <summary>Why a task and cluster ARN do not make a claim of ownership: any doubt keeps the item.</summary>
public enum OwnershipDoubt
{
    /// <summary>No doubt: the task and cluster ARNs claim the item for a task of this scope.</summary>
    None,

    /// <summary>One of the two is missing or is not an ECS task or cluster ARN.</summary>
    NotArns,

    /// <summary>The task or the cluster ARN is of another region than the scope's.</summary>
    OtherRegion,

    /// <summary>The task and cluster ARNs name different accounts, or another account than the scope's.</summary>
    OtherAccount,

    /// <summary>The task or the cluster ARN is of another partition than the scope's region.</summary>
    OtherPartition,

    /// <summary>The task ARN (long format) names another cluster than the cluster ARN.</summary>
    ClusterMismatch,

    /// <summary>The cluster is outside the allow-list.</summary>
    ClusterNotAllowed,
}
