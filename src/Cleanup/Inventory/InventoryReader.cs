using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Inventory;

/// <summary>
/// Gathers the candidates for one trigger. It reads broadly and judges nothing: ownership is the planner's call,
/// made on what was read here. An event reads only what its tasks tagged; a sweep reads the whole owned fleet and
/// asks ECS about every task it names.
/// </summary>
public sealed class InventoryReader(IHybridRegistry registry, ITaskDirectory? ecs, CleanupOptions options)
{
    /// <summary>DescribeInstanceInformation and DescribeTasks both accept at most 100 values per call.</summary>
    public const int BatchSize = 100;

    /// <summary>Concurrent ListTagsForResource calls while reading an inventory.</summary>
    public const int TagReadConcurrency = 4;

    public Task<FleetInventory> ReadAsync(Trigger trigger, CancellationToken cancellationToken) => trigger switch
    {
        TaskStoppedTrigger stopped => ReadForTasksAsync(stopped.Tasks, cancellationToken),
        SweepTrigger => ReadFleetAsync(cancellationToken),
        _ => throw new NotSupportedException($"no inventory for trigger {trigger.Kind}"),
    };

    private async Task<FleetInventory> ReadForTasksAsync(IReadOnlyList<StoppedTask> tasks, CancellationToken cancellationToken)
    {
        var found = new List<ManagedNode>();
        foreach (var batch in tasks.Select(t => t.Task.Value).Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            found.AddRange(await registry.FindNodesByTagAsync(options.Tags.TaskArnKey, batch, cancellationToken));
        }

        var nodes = await WithTagsAsync(found, cancellationToken);
        var activations = new Dictionary<string, HybridActivation>(StringComparer.Ordinal);
        var queries = nodes
            .Where(n => n.ActivationId is not null)
            .Select(n => new ActivationQuery(ActivationQueryKind.ActivationId, n.ActivationId!))
            // An activation whose task died before its agent registered has no node: find it by name.
            .Concat(tasks.Select(t => new ActivationQuery(ActivationQueryKind.DefaultInstanceName, t.InstanceName)))
            .Distinct();
        foreach (var query in queries)
        {
            foreach (var activation in await registry.FindActivationsAsync(query, cancellationToken))
            {
                activations[activation.ActivationId] = activation;
            }
        }

        // The event itself is the evidence about its tasks; the planner reads it from the trigger.
        return new FleetInventory(nodes, Sorted(activations.Values), new Dictionary<string, TaskEvidence>());
    }

    private async Task<FleetInventory> ReadFleetAsync(CancellationToken cancellationToken)
    {
        var directory = ecs ?? throw new InvalidOperationException("a sweep needs the ECS task directory");
        var nodes = await WithTagsAsync(await registry.FindNodesByTagKeyAsync(options.Tags.TaskArnKey, cancellationToken), cancellationToken);
        // DescribeActivations has no tag filter: keep those carrying our task tag key, as the node read does on the
        // server side, so other teams' activations are neither judged nor logged on every sweep.
        var activations = Sorted((await registry.ListActivationsAsync(cancellationToken)).Where(a => a.Tags.ContainsKey(options.Tags.TaskArnKey)));

        var claimed = nodes.Select(n => n.Tags).Concat(activations.Select(a => a.Tags)).Select(Claim).OfType<(string Cluster, string Task)>();
        var tasks = await TaskResolver.ResolveAsync(directory, claimed, cancellationToken);

        var legacyCandidates = Array.Empty<EcsTask>() as IReadOnlyList<EcsTask>;
        if (options.Sweep.LegacyMode != LegacyMode.Off)
        {
            // Untagged nodes of the original script: the only way to find them is to read every hybrid node.
            var ours = nodes.Select(n => n.InstanceId).ToHashSet(StringComparer.Ordinal);
            var legacy = (await registry.ListHybridNodesAsync(cancellationToken))
                .Where(n => !ours.Contains(n.InstanceId) && n.Name == options.Sweep.LegacyName);
            nodes = [.. nodes, .. await WithTagsAsync([.. legacy], cancellationToken)];
            legacyCandidates = await TaskResolver.LegacyCandidatesAsync(directory, options.AllowedClusters, cancellationToken);
        }

        return new FleetInventory(nodes, activations, tasks, WholeFleet: true) { LegacyCandidates = legacyCandidates };
    }

    // Which cluster to ask about which task; tags that are not ARNs, or name a cluster outside the allow-list, are
    // not looked up at all (the planner keeps their items, and IAM may not allow the call anyway).
    private (string Cluster, string Task)? Claim(IReadOnlyDictionary<string, string> tags)
    {
        var task = TaskArn.TryParse(tags.GetValueOrDefault(options.Tags.TaskArnKey));
        var cluster = ClusterArn.TryParse(tags.GetValueOrDefault(options.Tags.ClusterArnKey));
        return task is null || cluster is null || !options.IsClusterAllowed(cluster.ClusterName) ? null : (cluster.Value, task.Value);
    }

    private async Task<IReadOnlyList<ManagedNode>> WithTagsAsync(IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        var unique = nodes.DistinctBy(n => n.InstanceId).OrderBy(n => n.InstanceId, StringComparer.Ordinal).ToArray();
        var tagged = new ManagedNode?[unique.Length];

        // Tags are not part of DescribeInstanceInformation's answer; read them from each node so the planner judges
        // it on its own tags, not on which filter happened to match. A few calls at a time: one per node is the
        // sweep's main cost, and SSM's rate limit is low and shared, so more would only buy throttling.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, unique.Length),
            new ParallelOptions { MaxDegreeOfParallelism = TagReadConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var tags = await registry.GetNodeTagsAsync(unique[i].InstanceId, token);
                tagged[i] = tags is null ? null : unique[i] with { Tags = tags };
            });
        return [.. tagged.OfType<ManagedNode>()];
    }

    private static List<HybridActivation> Sorted(IEnumerable<HybridActivation> activations) =>
        [.. activations.OrderBy(a => a.ActivationId, StringComparer.Ordinal)];
}
