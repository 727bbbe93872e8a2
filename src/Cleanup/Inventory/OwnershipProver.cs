using Cleanup.Options;

namespace Cleanup.Inventory;

/// <summary>
/// The proof reads: for the dead tasks of one cluster, one DescribeInstanceInformation with two tag filters,
/// task-arn ∈ {their ARNs} AND cluster-arn = {the cluster}, so SSM itself vouches that every node it returns carries
/// both ownership tags. Up to 100 values per filter, so up to 100 tasks (50 whose ARN form is unknown) per call,
/// instead of one ListTagsForResource per node.
/// </summary>
internal sealed class OwnershipProver(IHybridRegistry registry, CleanupOptions options)
{
    /// <summary>Names per DescribeActivations call: one page when every task has one activation.</summary>
    private const int MaxActivationNames = Domain.Limits.DescribeActivationsMaxResults;

    public async Task<ProofResult> ProveAsync(IReadOnlyCollection<DeadTask> tasks, bool readActivations, CancellationToken cancellationToken)
    {
        var result = new ProofResult();
        foreach (var cluster in tasks.GroupBy(t => t.Cluster.Value, StringComparer.Ordinal))
        {
            foreach (var chunk in ChunkByValues(cluster))
            {
                await ProveChunkAsync(cluster.Key, chunk, result, cancellationToken);
            }
        }

        if (readActivations)
        {
            await ReadActivationsAsync(tasks, result, cancellationToken);
        }

        return result;
    }

    private async Task ProveChunkAsync(string cluster, List<DeadTask> chunk, ProofResult result, CancellationToken cancellationToken)
    {
        try
        {
            var filters = new List<TagFilter>
            {
                new(options.Tags.TaskArnKey, [.. chunk.SelectMany(t => t.TagValues).Distinct(StringComparer.Ordinal)]),
                new(options.Tags.ClusterArnKey, [cluster]),
            };

            // The inventory asks about each (cluster, task id) once, whatever ARN format named it; should a task
            // still come twice, its first entry speaks for both rather than the read failing.
            var byId = new Dictionary<string, DeadTask>(StringComparer.Ordinal);
            chunk.ForEach(t => byId.TryAdd(t.TaskId, t));
            foreach (var node in await registry.FindNodesByTagsAsync(filters, cancellationToken))
            {
                result.Nodes[node.InstanceId] = Proven(node, byId, cluster);
            }
        }
        catch (RegistryException ex) when (IsRejectedFilter(ex.ErrorCode) && chunk.Count > 1)
        {
            // One task whose ARN SSM will not take as a filter value must not leave the other 99 unproven: halves
            // are asked again until it stands alone.
            var half = chunk.Count / 2;
            await ProveChunkAsync(cluster, chunk[..half], result, cancellationToken);
            await ProveChunkAsync(cluster, chunk[half..], result, cancellationToken);
        }
        catch (RegistryException ex)
        {
            // Unproven is not deletable: these tasks stay unsettled and their messages come back.
            foreach (var task in chunk)
            {
                result.Failed[task.Key] = $"{ex.ErrorCode}: {ex.Message}";
                if (IsRejectedFilter(ex.ErrorCode))
                {
                    result.Rejected.Add(task.Key);
                }
            }
        }
    }

    private static bool IsRejectedFilter(string code) => code is "InvalidInstanceInformationFilterValue" or "ValidationException";

    // The filter proves the node carries one of the chunk's task ARNs; its name says which. A name that names none
    // of them leaves the task tag out, and the planner keeps the node (the convention does not hold).
    private ManagedNode Proven(ManagedNode node, Dictionary<string, DeadTask> byId, string clusterArn)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [options.Tags.ClusterArnKey] = clusterArn };
        var slash = node.Name?.LastIndexOf('/') ?? -1;
        if (slash >= 0 && byId.TryGetValue(node.Name![(slash + 1)..], out var task))
        {
            tags[options.Tags.TaskArnKey] = task.Key.TaskArn;
        }

        return node with { Tags = tags, Proof = OwnershipProof.TagFilter };
    }

    private async Task ReadActivationsAsync(IReadOnlyCollection<DeadTask> tasks, ProofResult result, CancellationToken cancellationToken)
    {
        // An activation whose task died before its agent registered has no node: it is found by its name.
        foreach (var chunk in tasks.Chunk(MaxActivationNames))
        {
            try
            {
                var names = chunk.Select(t => OwnershipTags.InstanceName(t.Cluster.ClusterName, t.TaskId)).Distinct(StringComparer.Ordinal).ToList();
                foreach (var activation in await registry.FindActivationsAsync(ActivationQueryKind.DefaultInstanceName, names, cancellationToken))
                {
                    result.Activations[activation.ActivationId] = activation;
                }
            }
            catch (RegistryException ex)
            {
                foreach (var task in chunk)
                {
                    result.Failed[task.Key] = $"{ex.ErrorCode}: {ex.Message}";
                }
            }
        }
    }

    private static IEnumerable<List<DeadTask>> ChunkByValues(IEnumerable<DeadTask> tasks)
    {
        var chunk = new List<DeadTask>();
        var values = 0;
        foreach (var task in tasks)
        {
            if (values + task.TagValues.Count > Domain.Limits.SsmFilterMaxValues && chunk.Count > 0)
            {
                yield return chunk;
                (chunk, values) = ([], 0);
            }

            chunk.Add(task);
            values += task.TagValues.Count;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}

/// <summary>What the proof reads found: proven nodes by id, activations by id, and the tasks whose reads failed.</summary>
internal sealed class ProofResult
{
    public Dictionary<string, ManagedNode> Nodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HybridActivation> Activations { get; } = new(StringComparer.Ordinal);

    public Dictionary<TaskKey, string> Failed { get; } = new();

    /// <summary>Of <see cref="Failed"/>, the tasks SSM refused as filter values on their own: about them alone, not an outage.</summary>
    public HashSet<TaskKey> Rejected { get; } = [];
}
