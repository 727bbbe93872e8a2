using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Inventory;

/// <summary>
/// Which task a listed node probably belongs to, without reading its tags: its activation's tags (the ones SSM
/// copied onto it), or its name CLUSTER/TASK-ID with this account's ARNs. A derived claim only decides whom to ask
/// ECS about; the node is judged on SSM's proof (<see cref="OwnershipProver"/>), never on this.
/// </summary>
internal sealed class ClaimDeriver(CleanupOptions options, IReadOnlyList<HybridActivation> activations)
{
    private readonly Dictionary<string, HybridActivation> _activations = activations.ToDictionary(a => a.ActivationId, StringComparer.Ordinal);

    /// <summary>The node with its derived claim as its tags (<see cref="OwnershipProof.Derived"/>), or null when none can be derived.</summary>
    public ManagedNode? Derive(ManagedNode node)
    {
        if (node.ActivationId is { } id && _activations.TryGetValue(id, out var activation) && Claim(activation.Tags) is not null)
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
        var ours = task is not null && cluster is not null &&
            task.Region == options.Region && cluster.Region == options.Region &&
            task.Partition == cluster.Partition && task.Partition == Domain.Partitions.Of(options.Region) && task.Account == cluster.Account &&
            (options.AccountId is null || task.Account == options.AccountId) &&
            (task.ClusterName is null || task.ClusterName == cluster.ClusterName) &&
            options.IsClusterAllowed(cluster.ClusterName);
        return ours ? (task!, cluster!) : null;
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

        var partition = Domain.Partitions.Of(options.Region);
        var cluster = ClusterArn.TryParse($"arn:{partition}:ecs:{options.Region}:{account}:cluster/{node.Name[..slash]}");
        var task = TaskArn.TryParse($"arn:{partition}:ecs:{options.Region}:{account}:task/{node.Name}");
        return cluster is null || task is null
            ? null
            : new Dictionary<string, string>(StringComparer.Ordinal) { [options.Tags.TaskArnKey] = task.Value, [options.Tags.ClusterArnKey] = cluster.Value };
    }
}
