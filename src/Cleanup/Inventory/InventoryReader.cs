using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Inventory;

/// <summary>
/// Gathers the candidates for one trigger, in the same three steps for both: name the candidate tasks, ask ECS
/// about them (the authority on death), then let SSM's tag filters prove which nodes the dead ones own. It judges
/// nothing: the planner decides on what was read here. An event only narrows the candidate tasks to its own.
/// </summary>
public sealed class InventoryReader(IHybridRegistry registry, ITaskDirectory ecs, CleanupOptions options)
{
    /// <summary>Concurrent ListTagsForResource calls, for the few nodes whose claim cannot be derived.</summary>
    public const int TagReadConcurrency = 4;

    private readonly OwnershipProver _prover = new(registry, options);
    private int _tagReadsDenied;

    public Task<FleetInventory> ReadAsync(Trigger trigger, CancellationToken cancellationToken) => trigger switch
    {
        TaskStoppedTrigger stopped => ReadForTasksAsync(stopped.Tasks, cancellationToken),
        SweepTrigger => ReadFleetAsync(cancellationToken),
        _ => throw new NotSupportedException($"no inventory for trigger {trigger.Kind}"),
    };

    // The event names the tasks; ECS says which are dead; only the dead ones cost SSM reads.
    private async Task<FleetInventory> ReadForTasksAsync(IReadOnlyList<StoppedTask> hints, CancellationToken cancellationToken)
    {
        var claims = hints.Select(h => (h.Task, h.Cluster)).ToList();
        var evidence = await TaskResolver.ResolveAsync(ecs, claims.Select(c => (c.Cluster.Value, c.Task.Value)), cancellationToken);
        var dead = DeadOf(claims, evidence);
        var proof = await _prover.ProveAsync(dead, readActivations: true, cancellationToken);

        // A task whose reads failed is left out whole: half of what it owns could hide a node pinging after its stop.
        var names = dead.Where(t => proof.Failed.ContainsKey(t.Key)).Select(t => OwnershipTags.InstanceName(t.Cluster.ClusterName, t.TaskId)).ToHashSet(StringComparer.Ordinal);
        var nodes = proof.Nodes.Values.Where(n => n.Name is null || !names.Contains(n.Name)).OrderBy(n => n.InstanceId, StringComparer.Ordinal).ToList();
        var activations = proof.Activations.Values.Where(a => a.DefaultInstanceName is null || !names.Contains(a.DefaultInstanceName)).ToList();
        return new FleetInventory(nodes, Sorted(activations), evidence) { Unread = proof.Failed };
    }

    /// <summary>
    /// The claims ECS reports dead, one per (cluster, task id), each with every ARN form the claims used: a task named
    /// in both formats (an old-format activation, a node named after it) is one task whose tag may hold either.
    /// </summary>
    private static List<DeadTask> DeadOf(IEnumerable<(TaskArn Task, ClusterArn Cluster)> claims, Dictionary<TaskKey, TaskEvidence> evidence) =>
        [.. claims
            .GroupBy(c => new TaskKey(c.Cluster.Value, c.Task.Value))
            .Where(g => evidence.TryGetValue(g.Key, out var e) && e.IsDead)
            .Select(g => DeadTask.From(g.First().Task, g.First().Cluster, evidence[g.Key], g.Select(c => c.Task.Value)))];

    private async Task<FleetInventory> ReadFleetAsync(CancellationToken cancellationToken)
    {
        var listed = (await registry.FindNodesByTagKeyAsync(options.Tags.TaskArnKey, cancellationToken)).DistinctBy(n => n.InstanceId).ToList();
        // DescribeActivations has no tag filter: keep those carrying our task tag key, as the node read does on the
        // server side, so other teams' activations are neither judged nor logged on every sweep.
        var activations = Sorted((await registry.ListActivationsAsync(cancellationToken)).Where(a => a.Tags.ContainsKey(options.Tags.TaskArnKey)));

        var claims = new ClaimDeriver(options, activations);
        var derived = new List<ManagedNode>();
        var underived = new List<ManagedNode>();
        foreach (var node in listed)
        {
            if (claims.Derive(node) is { } withClaim)
            {
                derived.Add(withClaim);
            }
            else
            {
                underived.Add(node);
            }
        }

        var tagged = await WithTagsAsync(underived, cancellationToken);
        var candidates = derived.Concat(tagged).Select(n => n.Tags).Concat(activations.Select(a => a.Tags))
            .Select(claims.Claim).OfType<(TaskArn Task, ClusterArn Cluster)>()
            .DistinctBy(c => (c.Cluster.Value, c.Task.Value))
            .ToList();
        var evidence = await TaskResolver.ResolveAsync(ecs, candidates.Select(c => (c.Cluster.Value, c.Task.Value)), cancellationToken);
        var dead = DeadOf(candidates, evidence);
        var proof = await _prover.ProveAsync(dead, readActivations: false, cancellationToken);
        if (proof.Failed.Keys.FirstOrDefault(k => !proof.Rejected.Contains(k)) is { ClusterArn: not null } failed)
        {
            // Without the proof the dead tasks' nodes cannot be judged; a sweep that quietly kept them would look healthy.
            // A task SSM refused on its own keeps its nodes unproven (ownership-unproven) and the rest goes on.
            throw new RegistryException("ProofReadFailed", $"the ownership proof read failed for {proof.Failed.Count} dead task(s): {proof.Failed[failed]}");
        }

        // A node proven by the filters replaces its derived self; a node registered since the listing is included.
        var listedIds = listed.Select(n => n.InstanceId).ToHashSet(StringComparer.Ordinal);
        var nodes = derived.Concat(tagged)
            .Select(n => n.Proof == OwnershipProof.Derived && proof.Nodes.TryGetValue(n.InstanceId, out var proven) ? proven : n)
            .Concat(proof.Nodes.Values.Where(p => !listedIds.Contains(p.InstanceId)))
            .DistinctBy(n => n.InstanceId)
            .OrderBy(n => n.InstanceId, StringComparer.Ordinal)
            .ToList();

        var legacyCandidates = Array.Empty<EcsTask>() as IReadOnlyList<EcsTask>;
        ReadFailure? legacyUnread = null;
        var tagReads = underived.Count;
        if (options.Sweep.LegacyMode != LegacyMode.Off)
        {
            // Untagged nodes of the original script: the only way to find them is to read every hybrid node.
            var ours = nodes.Select(n => n.InstanceId).ToHashSet(StringComparer.Ordinal);
            var legacy = (await registry.ListHybridNodesAsync(cancellationToken))
                .Where(n => !ours.Contains(n.InstanceId) && n.Name == options.Sweep.LegacyName)
                .ToList();
            nodes = [.. nodes, .. await WithTagsAsync(legacy, cancellationToken)];
            tagReads += legacy.Count;
            if (nodes.Any(n => n.Name == options.Sweep.LegacyName))
            {
                try
                {
                    legacyCandidates = await LegacyCandidateReader.ReadAsync(ecs, cancellationToken);
                }
                catch (RegistryException ex)
                {
                    // Fail closed: with any cluster's tasks unseen, a live task sharing a legacy node's address could be
                    // missing from the picture and a dead one's match look unique. No adoption this run; the run fails.
                    legacyUnread = new(ex.ErrorCode, ex.Message);
                }
            }
        }

        return new FleetInventory(nodes, activations, evidence, WholeFleet: true) { LegacyCandidates = legacyCandidates, LegacyUnread = legacyUnread, TagReads = tagReads, TagReadsDenied = _tagReadsDenied };
    }

    private async Task<IReadOnlyList<ManagedNode>> WithTagsAsync(IReadOnlyList<ManagedNode> nodes, CancellationToken cancellationToken)
    {
        var unique = nodes.DistinctBy(n => n.InstanceId).OrderBy(n => n.InstanceId, StringComparer.Ordinal).ToArray();
        var tagged = new ManagedNode?[unique.Length];

        // Only for nodes whose claim cannot be derived: a few calls at a time, since SSM's rate limit is low and
        // shared, so more would only buy throttling.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, unique.Length),
            new ParallelOptions { MaxDegreeOfParallelism = TagReadConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                try
                {
                    var tags = await registry.GetNodeTagsAsync(unique[i].InstanceId, token);
                    tagged[i] = tags is null ? null : unique[i] with { Tags = tags, Proof = OwnershipProof.NodeTags };
                }
                catch (RegistryException ex) when (AwsErrorKinds.IsDenied(ex.ErrorCode))
                {
                    // A node whose tags we may not read (a policy on that node) cannot be shown to be ours: it is left
                    // out, as a foreign node is, and counted; it must not blind the sweep to every other node.
                    Interlocked.Increment(ref _tagReadsDenied);
                }
            });
        return [.. tagged.OfType<ManagedNode>()];
    }

    // A listing read over pages while it changes may repeat an activation: one entry each.
    private static List<HybridActivation> Sorted(IEnumerable<HybridActivation> activations) =>
        [.. activations.DistinctBy(a => a.ActivationId, StringComparer.Ordinal).OrderBy(a => a.ActivationId, StringComparer.Ordinal)];
}
