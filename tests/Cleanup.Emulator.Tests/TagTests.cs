using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class TagTests : EmulatorTest
{
    [Fact]
    public async Task AddListRemove_RoundTripsOnAManagedNode()
    {
        var node = Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["keep"] = "1" } });

        await Ssm.AddTagsToResourceAsync(new AddTagsToResourceRequest
        {
            ResourceType = ResourceTypeForTagging.ManagedInstance,
            ResourceId = node.InstanceId,
            Tags = [new Tag { Key = "keep", Value = "2" }, new Tag { Key = "drop", Value = "x" }],
        });
        await Ssm.RemoveTagsFromResourceAsync(new RemoveTagsFromResourceRequest
        {
            ResourceType = ResourceTypeForTagging.ManagedInstance,
            ResourceId = node.InstanceId,
            TagKeys = ["drop", "absent"],
        });
        var listed = await ListAsync(node.InstanceId);

        Assert.Equal(["keep=2"], listed.Select(t => $"{t.Key}={t.Value}"));
        Assert.Equal(new Dictionary<string, string> { ["keep"] = "2" }, Emulator.Ssm.Nodes().Single().Tags);
    }

    [Fact]
    public async Task AddTags_BeyondFiftyPerNode_IsTooManyTagsError()
    {
        var node = Emulator.Ssm.AddNode(new NewNode { Tags = Enumerable.Range(0, 49).ToDictionary(i => $"k{i}", i => "v") });

        await ThrowsAwsAsync("TooManyTagsError", () => Ssm.AddTagsToResourceAsync(new AddTagsToResourceRequest
        {
            ResourceType = ResourceTypeForTagging.ManagedInstance,
            ResourceId = node.InstanceId,
            Tags = [new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "2" }],
        }));
        Assert.Equal(49, (await ListAsync(node.InstanceId)).Count);
    }

    [Fact]
    public async Task ListTags_UnknownNode_IsInvalidResourceId()
    {
        await ThrowsAwsAsync("InvalidResourceId", () => ListAsync("mi-00000000000000000"));
    }

    [Fact]
    public async Task ListTags_Ec2Instance_IsInvalidResourceId()
    {
        var ec2 = Emulator.Ssm.AddNode(new NewNode { ResourceType = "EC2Instance" });

        await ThrowsAwsAsync("InvalidResourceId", () => ListAsync(ec2.InstanceId));
    }

    [Fact]
    public async Task ListTags_OtherResourceType_IsInvalidResourceType()
    {
        await ThrowsAwsAsync("InvalidResourceType", () => Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest
        {
            ResourceType = ResourceTypeForTagging.Document,
            ResourceId = "my-doc",
        }));
    }

    private async Task<List<Tag>> ListAsync(string id) =>
        (await Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.ManagedInstance, ResourceId = id })).TagList ?? [];
}
