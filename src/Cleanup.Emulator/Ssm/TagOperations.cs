using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>AddTagsToResource, ListTagsForResource, RemoveTagsFromResource for ResourceType=ManagedInstance.</summary>
internal sealed class TagOperations(SsmState state)
{
    public JsonObject Add(RequestInput input)
    {
        var (type, id) = ReadResource(input);
        var tags = SsmModel.ReadTags(input, "Tags", required: true);
        input.ThrowIfInvalid();
        lock (state.Gate)
        {
            var node = Find(type!, id!);
            var newKeys = tags!.Select(t => t.Key).Where(k => !node.Tags.ContainsKey(k)).Distinct(StringComparer.Ordinal).Count();
            if (node.Tags.Count + newKeys > SsmModel.MaxTagsPerResource)
            {
                throw new AwsErrorException("TooManyTagsError", $"A managed node can have at most {SsmModel.MaxTagsPerResource} tags.");
            }

            foreach (var (key, value) in tags!)
            {
                node.Tags[key] = value;
            }
        }

        return [];
    }

    public JsonObject List(RequestInput input)
    {
        var (type, id) = ReadResource(input);
        input.ThrowIfInvalid();
        lock (state.Gate)
        {
            return new JsonObject { ["TagList"] = Json.TagList(Find(type!, id!).Tags) };
        }
    }

    public JsonObject Remove(RequestInput input)
    {
        var (type, id) = ReadResource(input);
        var keys = input.Strings("TagKeys", required: true, itemMin: 1, itemMax: 128, itemPattern: SsmModel.TagTextPattern);
        input.ThrowIfInvalid();
        lock (state.Gate)
        {
            var node = Find(type!, id!);
            foreach (var key in keys!)
            {
                node.Tags.Remove(key);
            }
        }

        return [];
    }

    private static (string? Type, string? Id) ReadResource(RequestInput input) =>
        (input.Enum("ResourceType", SsmModel.ResourceTypesForTagging, required: true), input.String("ResourceId", required: true));

    private NodeRecord Find(string type, string id)
    {
        // Only managed nodes are emulated; the other taggable types exist in the model but not here.
        if (type != SsmState.ManagedInstance)
        {
            throw new AwsErrorException("InvalidResourceType", $"Resource type {type} is not supported by this emulator.");
        }

        // EC2 instances are not "ManagedInstance" resources for tagging (they are tagged through EC2); inferred code.
        if (!state.NodeRecords.TryGetValue(id, out var node) || node.ResourceType != SsmState.ManagedInstance)
        {
            throw new AwsErrorException("InvalidResourceId", $"The resource ID {id} isn't valid.");
        }

        return node;
    }
}
