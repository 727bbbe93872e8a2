using Cleanup.Domain;
using Cleanup.Options;

namespace Cleanup.Inventory;

/// <summary>
/// Which task a listed node probably belongs to, without reading its tags: its activation's tags (the ones SSM
/// copied onto it), or, when its activation is gone, its name CLUSTER/TASK-ID with this account's ARNs. A derived
/// claim only decides whom to ask ECS about (<see cref="Claim"/>: only claims of this scope); the node is judged on
/// SSM's proof (<see cref="OwnershipProver"/>), never on this.
/// </summary>
internal sealed class ClaimDeriver(CleanupOptions options, IReadOnlyList<HybridActivation> activations)
{
    private readonly Dictionary<string, HybridActivation> _activations = activations.ToDictionary(a => a.ActivationId, StringComparer.Ordinal);
    private readonly OwnershipScope _scope = new(options.Region, options.AccountId, options.AllowedClusters);

    /// <summary>The node with its activation's tags or its derived claim as its tags (<see cref="OwnershipProof.Derived"/>), or null when neither is known.</summary>
    public ManagedNode? Derive(ManagedNode node)
    {
        // SSM copied the activation's tags onto the node: when they claim nothing here (another region, account or
        // partition, a contradiction, a cluster outside the allow-list), neither does the node, whatever its name
        // says. It keeps those tags, the planner keeps it for them, and ECS is not asked about it.
        if (node.ActivationId is { } id && _activations.TryGetValue(id, out var activation))
        {
            // The node repeats its activation's id and, as its name, the activation's default name: holding the
            // activation's strings keeps one copy of each per task for the rest of the run instead of two.
            return node with
            {
                Tags = activation.Tags,
                Proof = OwnershipProof.Derived,
                ActivationId = activation.ActivationId,
                Name = string.Equals(node.Name, activation.DefaultInstanceName, StringComparison.Ordinal) ? activation.DefaultInstanceName : node.Name,
            };
        }

        return FromName(node) is { } tags ? node with { Tags = tags, Proof = OwnershipProof.Derived } : null;
    }

    /// <summary>
    /// Which cluster to ask about which task. Tags that are not ARNs of this account and region, contradict each
    /// other, or name a cluster outside the allow-list are not looked up at all: the planner keeps their items as
    /// foreign, and asking another account's ECS would only fail (IAM denies it) and fail every sweep with it.
    /// </summary>
    public (TaskArn Task, ClusterArn Cluster)? Claim(IReadOnlyDictionary<string, string> tags)
    {
        var task = TaskArn.TryParse(tags.GetValueOrDefault(options.Tags.TaskArnKey));
        var cluster = ClusterArn.TryParse(tags.GetValueOrDefault(options.Tags.ClusterArnKey));
        return Ownership.Read(task, cluster, _scope) == OwnershipDoubt.None ? (task!, cluster!) : null;
    }

    private IReadOnlyDictionary<string, string>? FromName(ManagedNode node)
    {
        if (options.AccountId is not { } account || node.Name is null)
        {
            return null;
        }

        var slash = node.Name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash != node.Name.LastIndexOf('/'))
        {
            return null;
        }

        var partition = _scope.Partition;
        var cluster = ClusterArn.TryParse($"arn:{partition}:ecs:{options.Region}:{account}:cluster/{node.Name[..slash]}");
        var task = TaskArn.TryParse($"arn:{partition}:ecs:{options.Region}:{account}:task/{node.Name}");
        return cluster is null || task is null
            ? null
            : new Dictionary<string, string>(StringComparer.Ordinal) { [options.Tags.TaskArnKey] = task.Value, [options.Tags.ClusterArnKey] = cluster.Value };
    }
}
