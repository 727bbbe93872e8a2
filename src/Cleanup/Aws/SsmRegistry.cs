using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Inventory;

namespace Cleanup.Aws;

/// <summary>
/// The SSM adapter: the only code that talks to SSM. It reads every page, maps SDK shapes to our records and
/// translates SDK errors; it decides nothing.
/// </summary>
public sealed class SsmRegistry(IAmazonSimpleSystemsManagement ssm) : IHybridRegistry
{
    /// <summary>The largest page each API allows: fewer round trips against a low, shared rate limit.</summary>
    private const int NodePageSize = Domain.Limits.DescribeInstanceInformationMaxResults;
    private const int ActivationPageSize = Domain.Limits.DescribeActivationsMaxResults;

    private readonly StringPool _pool = new();

    // A tag filter may not be combined with any other filter type (two tag filters are fine, and ANDed), so the
    // hybrid-only check is the planner's.
    public Task<IReadOnlyList<ManagedNode>> FindNodesByTagsAsync(IReadOnlyList<TagFilter> filters, CancellationToken cancellationToken) =>
        DescribeNodesAsync([.. filters.Select(f => new InstanceInformationStringFilter { Key = $"tag:{f.Key}", Values = [.. f.Values] })], cancellationToken);

    public Task<IReadOnlyList<ManagedNode>> FindNodesByTagKeyAsync(string key, CancellationToken cancellationToken) =>
        DescribeNodesAsync([new InstanceInformationStringFilter { Key = "tag-key", Values = [key] }], cancellationToken);

    public Task<IReadOnlyList<ManagedNode>> ListHybridNodesAsync(CancellationToken cancellationToken) =>
        DescribeNodesAsync([new InstanceInformationStringFilter { Key = "ResourceType", Values = [ManagedNode.HybridResourceType] }], cancellationToken);

    public Task<IReadOnlyDictionary<string, string>?> GetNodeTagsAsync(string instanceId, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            try
            {
                var response = await ssm.ListTagsForResourceAsync(
                    new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.ManagedInstance, ResourceId = instanceId },
                    cancellationToken);
                return SsmMapping.ToTags(response.TagList, _pool);
            }
            catch (InvalidResourceIdException)
            {
                // Deregistered between the listing and this read (its container left on SIGTERM): nothing to judge.
                return null;
            }
        }, cancellationToken);

    public Task<IReadOnlyList<HybridActivation>> FindActivationsAsync(ActivationQueryKind kind, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var key = kind == ActivationQueryKind.ActivationId
            ? DescribeActivationsFilterKeys.ActivationIds
            : DescribeActivationsFilterKeys.DefaultInstanceName;
        return DescribeActivationsAsync(new DescribeActivationsFilter { FilterKey = key, FilterValues = [.. values] }, cancellationToken);
    }

    public Task<IReadOnlyList<HybridActivation>> ListActivationsAsync(CancellationToken cancellationToken) =>
        DescribeActivationsAsync(null, cancellationToken);

    public Task<TagOutcome> TagNodeAsync(string instanceId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            try
            {
                await ssm.AddTagsToResourceAsync(
                    new AddTagsToResourceRequest
                    {
                        ResourceType = ResourceTypeForTagging.ManagedInstance,
                        ResourceId = instanceId,
                        Tags = [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag { Key = t.Key, Value = t.Value })],
                    },
                    cancellationToken);
                return TagOutcome.Tagged;
            }
            catch (InvalidResourceIdException)
            {
                // Deregistered since it was listed (by its container, or another run): nothing left to adopt.
                return TagOutcome.NodeGone;
            }
        }, cancellationToken);

    public Task<DeleteOutcome> DeregisterNodeAsync(string instanceId, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            try
            {
                await ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = instanceId }, cancellationToken);
                return DeleteOutcome.Deleted;
            }
            catch (InvalidInstanceIdException)
            {
                // SSM answers InvalidInstanceId for an id it no longer knows (deregistered already), but also when the
                // caller may not access the node: only a node SSM no longer lists is gone, or the failure is swallowed.
                return await StillListedAsync(instanceId, cancellationToken)
                    ? throw new RegistryException("InvalidInstanceId", $"SSM refused to deregister {instanceId} (InvalidInstanceId) but still lists it: no access to the node?")
                    : DeleteOutcome.AlreadyGone;
            }
        }, cancellationToken);

    private async Task<bool> StillListedAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await ssm.DescribeInstanceInformationAsync(
                new DescribeInstanceInformationRequest { Filters = [new InstanceInformationStringFilter { Key = "InstanceIds", Values = [instanceId] }] },
                cancellationToken);
            return response.InstanceInformationList?.Any(n => n.InstanceId == instanceId) == true;
        }
        catch (InvalidInstanceIdException)
        {
            // The listing's own answer for an id it does not know.
            return false;
        }
    }

    public Task<DeleteOutcome> DeleteActivationAsync(string activationId, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            try
            {
                await ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = activationId }, cancellationToken);
                return DeleteOutcome.Deleted;
            }
            catch (Exception ex) when (ex is InvalidActivationIdException or InvalidActivationException)
            {
                // Both mean the activation is not there any more (deleted by its container or a duplicate event).
                return DeleteOutcome.AlreadyGone;
            }
        }, cancellationToken);

    private Task<IReadOnlyList<ManagedNode>> DescribeNodesAsync(List<InstanceInformationStringFilter> filters, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            var request = new DescribeInstanceInformationRequest { Filters = filters, MaxResults = NodePageSize };
            return await AwsCalls.ReadAllPagesAsync(async token =>
            {
                request.NextToken = token;
                var page = await ssm.DescribeInstanceInformationAsync(request, cancellationToken);
                return ((page.InstanceInformationList ?? []).Select(n => SsmMapping.ToNode(n, _pool)), page.NextToken);
            });
        }, cancellationToken);

    private Task<IReadOnlyList<HybridActivation>> DescribeActivationsAsync(DescribeActivationsFilter? filter, CancellationToken cancellationToken) =>
        AwsCalls.TranslateAsync(async () =>
        {
            var request = new DescribeActivationsRequest { Filters = filter is null ? null : [filter], MaxResults = ActivationPageSize };
            return await AwsCalls.ReadAllPagesAsync(async token =>
            {
                request.NextToken = token;
                var page = await ssm.DescribeActivationsAsync(request, cancellationToken);
                return ((page.ActivationList ?? []).Select(a => SsmMapping.ToActivation(a, _pool)), page.NextToken);
            });
        }, cancellationToken);
}
