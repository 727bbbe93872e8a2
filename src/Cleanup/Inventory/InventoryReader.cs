using Cleanup.Events;
using Cleanup.Options;

namespace Cleanup.Inventory;

/// <summary>
/// Gathers the candidates for one trigger. It reads broadly (every node tagged with the tasks, every activation
/// reachable by id or name) and judges nothing: ownership is the planner's call, made on what was read here.
/// </summary>
public sealed class InventoryReader(IHybridRegistry registry, OwnershipTags tags)
{
    /// <summary>DescribeInstanceInformation accepts at most 100 values per filter.</summary>
    public const int TagFilterBatchSize = 100;

    public Task<FleetInventory> ReadAsync(Trigger trigger, CancellationToken cancellationToken) => trigger switch
    {
        TaskStoppedTrigger stopped => ReadForTasksAsync(stopped.Tasks, cancellationToken),
        _ => throw new NotSupportedException($"no inventory for trigger {trigger.Kind}"),
    };

    private async Task<FleetInventory> ReadForTasksAsync(IReadOnlyList<StoppedTask> tasks, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<string, ManagedNode>(StringComparer.Ordinal);
        var taskArns = tasks.Select(t => t.Task.Value).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in taskArns.Chunk(TagFilterBatchSize))
        {
            foreach (var node in await registry.FindNodesByTagAsync(tags.TaskArnKey, batch, cancellationToken))
            {
                // Tags are not part of DescribeInstanceInformation's answer; read them from the node so the
                // planner judges each node on its own tags, not on which filter value happened to match.
                var nodeTags = await registry.GetNodeTagsAsync(node.InstanceId, cancellationToken);
                nodes[node.InstanceId] = node with { Tags = nodeTags };
            }
        }

        var activations = new Dictionary<string, HybridActivation>(StringComparer.Ordinal);
        var queries = nodes.Values
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

        return new FleetInventory(
            [.. nodes.Values.OrderBy(n => n.InstanceId, StringComparer.Ordinal)],
            [.. activations.Values.OrderBy(a => a.ActivationId, StringComparer.Ordinal)]);
    }
}
