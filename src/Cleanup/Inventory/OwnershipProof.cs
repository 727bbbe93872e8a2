namespace Cleanup.Inventory;

/// <summary>Where a node's ownership tags come from. Only SSM's own word about the node may lead to a deletion.</summary>
public enum OwnershipProof
{
    /// <summary>The node's own tag list (ListTagsForResource).</summary>
    NodeTags,

    /// <summary>SSM's tag filters matched the node on both ownership tags (DescribeInstanceInformation).</summary>
    TagFilter,

    /// <summary>Inferred from the node's name or its activation's tags: enough to ask ECS, never enough to delete.</summary>
    Derived,
}
