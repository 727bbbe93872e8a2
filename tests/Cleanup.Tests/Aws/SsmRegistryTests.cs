using Cleanup.Aws;
using Cleanup.Cli.Demo;
using Cleanup.Inventory;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Aws;

/// <summary>The adapter against the emulator through the real SDK client: pages, filters and error translation.</summary>
public class SsmRegistryTests
{
    [Fact]
    public async Task FindNodesByTag_MorePagesThanOne_ReturnsEveryNodeOnce()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var tasks = new List<FleetTask>();
        for (var i = 0; i < 120; i++)
        {
            tasks.Add(await h.Fleet.LaunchAsync("shells", $"10.0.{i / 200}.{i % 200}"));
        }

        await h.Fleet.LaunchAsync("shells", "10.9.9.9");
        var registry = new SsmRegistry(h.Ssm);

        var nodes = new List<ManagedNode>();
        foreach (var batch in tasks.Select(t => t.TaskArn).Chunk(100))
        {
            nodes.AddRange(await registry.FindNodesByTagsAsync([new TagFilter("ssm-cleanup:task-arn", batch)], default));
        }

        Assert.Equal(tasks.Select(t => t.InstanceId).Order(StringComparer.Ordinal), nodes.Select(n => n.InstanceId).Order(StringComparer.Ordinal));
        // 100 values in 50-item pages, then 20: three reads, none repeated.
        Assert.Equal(3, h.Emulator.Calls.Count("DescribeInstanceInformation"));
    }

    [Fact]
    public async Task FindNodesByTag_MapsTheNodesFields()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11");
        var registry = new SsmRegistry(h.Ssm);

        var node = Assert.Single(await registry.FindNodesByTagsAsync([new TagFilter("ssm-cleanup:task-arn", [task.TaskArn])], default));
        var tags = Assert.IsType<Dictionary<string, string>>(await registry.GetNodeTagsAsync(node.InstanceId, default), exactMatch: false);

        Assert.Equal(task.InstanceId, node.InstanceId);
        Assert.Equal($"shells/{task.TaskId}", node.Name);
        Assert.Equal(ManagedNode.HybridResourceType, node.ResourceType);
        Assert.Equal("Online", node.PingStatus);
        Assert.Equal(EmulatorHarness.Start, node.LastPingDateTime);
        Assert.Equal(EmulatorHarness.Start, node.RegistrationDate);
        Assert.Equal(task.ActivationId, node.ActivationId);
        Assert.Equal("10.0.1.11", node.IPAddress);
        Assert.Equal(task.TaskArn, tags["ssm-cleanup:task-arn"]);
        Assert.Equal(task.ClusterArn, tags["ssm-cleanup:cluster-arn"]);
    }

    [Fact]
    public async Task FindActivations_ByIdAndByName_MapsTagsAndCounts()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11");
        var registry = new SsmRegistry(h.Ssm);

        var byId = Assert.Single(await registry.FindActivationsAsync(ActivationQueryKind.ActivationId, [task.ActivationId], default));
        var byName = Assert.Single(await registry.FindActivationsAsync(ActivationQueryKind.DefaultInstanceName, [$"shells/{task.TaskId}"], default));

        Assert.Equal(byId, byName with { Tags = byId.Tags });
        Assert.Equal(1, byId.RegistrationsCount);
        Assert.Equal(1, byId.RegistrationLimit);
        Assert.False(byId.Expired);
        Assert.Equal(task.TaskArn, byId.Tags["ssm-cleanup:task-arn"]);
    }

    [Fact]
    public async Task GetNodeTags_NodeDeregisteredSinceListing_IsNull()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11");
        var registry = new SsmRegistry(h.Ssm);
        await registry.DeregisterNodeAsync(task.InstanceId!, default);

        Assert.Null(await registry.GetNodeTagsAsync(task.InstanceId!, default));
    }

    [Fact]
    public async Task Deregister_UnknownNode_IsAlreadyGone()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11");
        var registry = new SsmRegistry(h.Ssm);

        Assert.Equal(DeleteOutcome.Deleted, await registry.DeregisterNodeAsync(task.InstanceId!, default));
        Assert.Equal(DeleteOutcome.AlreadyGone, await registry.DeregisterNodeAsync(task.InstanceId!, default));
    }

    [Fact]
    public async Task DeleteActivation_AlreadyDeleted_IsAlreadyGone()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11", register: false);
        var registry = new SsmRegistry(h.Ssm);

        Assert.Equal(DeleteOutcome.Deleted, await registry.DeleteActivationAsync(task.ActivationId, default));
        Assert.Equal(DeleteOutcome.AlreadyGone, await registry.DeleteActivationAsync(task.ActivationId, default));
        Assert.Equal(DeleteOutcome.AlreadyGone, await registry.DeleteActivationAsync("not-an-activation-id", default));
    }

    [Fact]
    public async Task ServiceError_IsTranslatedWithItsCode()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11");
        h.Emulator.Faults.FailNext("DeregisterManagedInstance", times: 1, statusCode: 400, code: "AccessDeniedException");
        var registry = new SsmRegistry(h.Ssm);

        var ex = await Assert.ThrowsAsync<RegistryException>(() => registry.DeregisterNodeAsync(task.InstanceId!, default));

        Assert.Equal("AccessDeniedException", ex.ErrorCode);
        Assert.True(h.HasNode(task.InstanceId));
    }

    [Fact]
    public async Task Throttling_IsRetriedByTheSdk()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.LaunchAsync("shells", "10.0.1.11");
        h.Emulator.Faults.FailNext("DeregisterManagedInstance", times: 2, statusCode: 400, code: "ThrottlingException");
        var registry = new SsmRegistry(h.Ssm);

        Assert.Equal(DeleteOutcome.Deleted, await registry.DeregisterNodeAsync(task.InstanceId!, default));
        Assert.Equal(3, h.Emulator.Calls.Count("DeregisterManagedInstance"));
    }

    [Fact]
    public async Task UnreachableEndpoint_IsTranslatedAsClientError()
    {
        await using var h = await EmulatorHarness.StartAsync(maxErrorRetry: 0);
        await h.Emulator.DisposeAsync();
        var registry = new SsmRegistry(h.Ssm);

        var ex = await Assert.ThrowsAsync<RegistryException>(() => registry.FindNodesByTagsAsync([new TagFilter("ssm-cleanup:task-arn", ["x"])], default));

        Assert.Equal("ClientError", ex.ErrorCode);
    }
}
