using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>DescribeInstanceInformation and DeregisterManagedInstance.</summary>
internal sealed class InstanceInformationOperations(SsmState state, EmulatorOptions options)
{
    /// <summary>Documented default for MaxResults.</summary>
    private const int DefaultPageSize = 10;

    public JsonObject Describe(RequestInput input)
    {
        var (filters, legacy) = InstanceFilterReader.Read(input);
        var maxResults = input.Int("MaxResults", 5, 50) ?? DefaultPageSize;
        var token = input.String("NextToken");
        input.ThrowIfInvalid();
        var checkedFilters = InstanceFilterReader.Check(filters, legacy);

        lock (state.Gate)
        {
            // "If you specify a node ID that isn't valid or a node that you don't own, you receive an error."
            var unknown = checkedFilters.Where(f => f.Key == "InstanceIds").SelectMany(f => f.Values)
                .Where(id => !state.NodeRecords.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
            {
                throw new AwsErrorException("InvalidInstanceId", $"Instance ids [{string.Join(", ", unknown)}] are not valid.");
            }

            var now = options.Clock.GetUtcNow();
            var matching = state.NodeRecords.Values
                .Where(n => checkedFilters.All(f => f.Matches(n, now, options.ConnectionLostAfter)))
                .OrderBy(n => n.Sequence);
            var (page, next) = PageToken.Paginate("DescribeInstanceInformation", matching, n => n.Sequence, token, maxResults);
            var result = new JsonObject { ["InstanceInformationList"] = new JsonArray([.. page.Select(n => Render(n, now))]) };
            return result.AddIfSet("NextToken", next);
        }
    }

    public JsonObject Deregister(RequestInput input)
    {
        var id = input.String("InstanceId", required: true, min: 20, max: 124, pattern: SsmModel.ManagedInstanceIdPattern);
        input.ThrowIfInvalid();
        lock (state.Gate)
        {
            // Unknown and already deregistered look the same: the model's only error for this call is InvalidInstanceId.
            if (!state.NodeRecords.TryGetValue(id!, out var node) || node.ResourceType != SsmState.ManagedInstance)
            {
                throw new AwsErrorException("InvalidInstanceId", $"Instance id {id} is not valid.");
            }

            state.NodeRecords.Remove(id!);
        }

        return [];
    }

    private JsonObject Render(NodeRecord n, DateTimeOffset now)
    {
        var item = new JsonObject
        {
            ["InstanceId"] = n.InstanceId,
            ["PingStatus"] = n.PingStatus(now, options.ConnectionLostAfter),
        };
        if (n.LastPingDateTime is { } lastPing)
        {
            item["LastPingDateTime"] = Json.Epoch(lastPing);
        }

        item.AddIfSet("AgentVersion", n.AgentVersion);
        // The emulator has no notion of agent releases; whatever an agent reports counts as current.
        if (n.AgentVersion is not null)
        {
            item["IsLatestVersion"] = true;
        }

        item.AddIfSet("PlatformType", n.PlatformType)
            .AddIfSet("PlatformName", n.PlatformName)
            .AddIfSet("PlatformVersion", n.PlatformVersion)
            .AddIfSet("ActivationId", n.ActivationId)
            .AddIfSet("IamRole", n.IamRole)
            .With("RegistrationDate", Json.Epoch(n.RegistrationDate))
            .With("ResourceType", n.ResourceType)
            .AddIfSet("Name", n.Name)
            .AddIfSet("IPAddress", n.IPAddress)
            .AddIfSet("ComputerName", n.ComputerName)
            .AddIfSet("AssociationStatus", n.AssociationStatus)
            .With("SourceId", n.InstanceId)
            .With("SourceType", n.SourceType);
        // Tags are deliberately absent: AWS returns them only through ListTagsForResource.
        return item;
    }
}
