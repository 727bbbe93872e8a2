using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class DescribeInstanceInformationTests : EmulatorTest
{
    [Theory]
    [InlineData(4)]
    [InlineData(51)]
    public async Task DescribeInstanceInformation_MaxResultsOutOfRange_IsValidationException(int maxResults)
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = maxResults }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    [InlineData(50)]
    public async Task DescribeInstanceInformation_Pagination_ReachesEveryNodeExactlyOnce(int? maxResults)
    {
        var agents = await RegisterAgentsAsync(23);

        var request = new DescribeInstanceInformationRequest { MaxResults = maxResults };
        var pages = new List<int>();
        var seen = new List<string>();
        do
        {
            var page = await Ssm.DescribeInstanceInformationAsync(request);
            pages.Add(page.InstanceInformationList.Count);
            seen.AddRange(page.InstanceInformationList.Select(n => n.InstanceId));
            request.NextToken = page.NextToken;
        }
        while (request.NextToken is not null);

        Assert.Equal(agents.Select(a => a.InstanceId), seen);
        Assert.All(pages, count => Assert.InRange(count, 1, maxResults ?? 10));
    }

    [Fact]
    public async Task DescribeInstanceInformation_DeregisteringBetweenPages_SkipsNoSurvivor()
    {
        var agents = await RegisterAgentsAsync(12);

        var first = await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { MaxResults = 5 });
        foreach (var node in first.InstanceInformationList)
        {
            await Ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = node.InstanceId });
        }

        var rest = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { MaxResults = 5, NextToken = first.NextToken });

        Assert.Equal(agents.Skip(5).Select(a => a.InstanceId), rest.Select(n => n.InstanceId));
    }

    [Fact]
    public async Task DescribeInstanceInformation_GarbageNextToken_IsInvalidNextToken()
    {
        await ThrowsAwsAsync("InvalidNextToken", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { NextToken = "Zm9v" }));
    }

    [Fact]
    public async Task DescribeInstanceInformation_ReturnsNodeFieldsButNoTags()
    {
        var activation = await CreateActivationAsync(name: "task-1", role: "HybridRole", tags: new() { ["k"] = "v" });
        var agent = await RegisterAgentAsync(activation);
        await agent.PingAsync("10.1.2.3", "host-1");

        var info = Assert.Single((await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList);

        Assert.Equal(agent.InstanceId, info.InstanceId);
        Assert.Equal("task-1", info.Name);
        Assert.Equal(activation.ActivationId, info.ActivationId);
        Assert.Equal("HybridRole", info.IamRole);
        Assert.Equal(ResourceType.ManagedInstance, info.ResourceType);
        Assert.Equal("10.1.2.3", info.IPAddress);
        Assert.Equal("host-1", info.ComputerName);
        Assert.Equal(Start.UtcDateTime, info.RegistrationDate?.ToUniversalTime());
        Assert.Equal(agent.InstanceId, info.SourceId);
        Assert.Equal(SourceType.AWSSSMManagedInstance, info.SourceType);
    }

    [Fact]
    public async Task DescribeInstanceInformation_TagValueFilterWithManyValues_MatchesAnyValue()
    {
        var nodes = Enumerable.Range(0, 30)
            .Select(i => Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["ecs:task"] = $"task-{i}" } }))
            .ToList();
        Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["other"] = "task-1" } });
        var wanted = Enumerable.Range(0, 100).Select(i => $"task-{i * 2}").ToArray();

        var found = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("tag:ecs:task", wanted)] });

        Assert.Equal(nodes.Where((_, i) => i % 2 == 0).Select(n => n.InstanceId), found.Select(n => n.InstanceId));
    }

    [Fact]
    public async Task DescribeInstanceInformation_TagKeyFilter_MatchesNodesCarryingAnyKey()
    {
        var a = Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["cleanup"] = "x" } });
        var b = Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["owner"] = "y" } });
        Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["unrelated"] = "z" } });

        var found = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("tag-key", "cleanup", "owner")] });

        Assert.Equal([a.InstanceId, b.InstanceId], found.Select(n => n.InstanceId));
    }

    [Fact]
    public async Task DescribeInstanceInformation_TwoTagFilters_AreAnded()
    {
        var both = Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } });
        Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["a"] = "1" } });

        var found = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("tag:a", "1"), Filter("tag-key", "b")] });

        Assert.Equal([both.InstanceId], found.Select(n => n.InstanceId));
    }

    [Fact]
    public async Task DescribeInstanceInformation_TagFilterWithOtherFilter_IsRejected()
    {
        Emulator.Ssm.AddNode(new NewNode { Tags = new Dictionary<string, string> { ["a"] = "1" } });

        var error = await ThrowsAwsAsync("ValidationException", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [Filter("tag:a", "1"), Filter("ResourceType", "ManagedInstance")],
        }));

        Assert.Contains("Cannot mix tag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeInstanceInformation_ActivationIdsFilter_ReturnsThatActivationsNodes()
    {
        var mine = await CreateActivationAsync(limit: 2);
        var theirs = await CreateActivationAsync();
        var a = await RegisterAgentAsync(mine);
        await RegisterAgentAsync(theirs);
        var b = await RegisterAgentAsync(mine);

        var found = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("ActivationIds", mine.ActivationId)] });

        Assert.Equal([a.InstanceId, b.InstanceId], found.Select(n => n.InstanceId));
    }

    [Fact]
    public async Task DescribeInstanceInformation_InstanceIdsFilter_ReturnsExactlyThoseNodes()
    {
        var agents = await RegisterAgentsAsync(3);

        var found = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("InstanceIds", agents[2].InstanceId, agents[0].InstanceId)] });

        Assert.Equal([agents[0].InstanceId, agents[2].InstanceId], found.Select(n => n.InstanceId));
    }

    [Theory]
    [InlineData("mi-0123456789abcdef0")]
    [InlineData("not-an-id")]
    public async Task DescribeInstanceInformation_InstanceIdsFilterWithUnknownId_IsInvalidInstanceId(string unknown)
    {
        var agent = Assert.Single(await RegisterAgentsAsync(1));

        await ThrowsAwsAsync("InvalidInstanceId", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [Filter("InstanceIds", agent.InstanceId, unknown)],
        }));
    }

    [Fact]
    public async Task DescribeInstanceInformation_PingStatusFilter_UsesTheClock()
    {
        var fresh = Emulator.Ssm.AddNode(new NewNode { LastPingDateTime = Start });
        var stale = Emulator.Ssm.AddNode(new NewNode { LastPingDateTime = Start.AddMinutes(-11) });
        var never = Emulator.Ssm.AddNode(new NewNode());

        var online = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("PingStatus", "Online")] });
        var lost = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("PingStatus", "ConnectionLost")] });

        Assert.Equal([fresh.InstanceId], online.Select(n => n.InstanceId));
        Assert.Equal([stale.InstanceId, never.InstanceId], lost.Select(n => n.InstanceId));
    }

    [Fact]
    public async Task DescribeInstanceInformation_ResourceTypeFilter_SeparatesHybridFromEc2()
    {
        var hybrid = Emulator.Ssm.AddNode(new NewNode());
        var ec2 = Emulator.Ssm.AddNode(new NewNode { ResourceType = "EC2Instance" });

        var managed = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("ResourceType", "ManagedInstance")] });
        var instances = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest { Filters = [Filter("ResourceType", "EC2Instance")] });

        Assert.Equal([hybrid.InstanceId], managed.Select(n => n.InstanceId));
        Assert.Equal([ec2.InstanceId], instances.Select(n => n.InstanceId));
        Assert.Matches("^i-[0-9a-f]{17}$", ec2.InstanceId);
    }

    [Theory]
    [InlineData("ManagedInstance", "EC2Instance")]
    [InlineData("Document")]
    public async Task DescribeInstanceInformation_ResourceTypeFilterNotExactlyOneValidValue_IsInvalidFilterValue(params string[] values)
    {
        await ThrowsAwsAsync("InvalidInstanceInformationFilterValue", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [Filter("ResourceType", values)],
        }));
    }

    [Fact]
    public async Task DescribeInstanceInformation_UnknownFilterKey_IsInvalidFilterKey()
    {
        await ThrowsAwsAsync("InvalidFilterKey", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [Filter("Colour", "blue")],
        }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task DescribeInstanceInformation_FilterValuesOutsideOneToHundred_IsValidationException(int count)
    {
        var values = Enumerable.Range(0, count).Select(i => $"v{i}").ToArray();

        await ThrowsAwsAsync("ValidationException", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [Filter("tag:x", values)],
        }));
    }

    [Fact]
    public async Task DescribeInstanceInformation_FiltersAndLegacyFilterList_IsRejected()
    {
        await ThrowsAwsAsync("InvalidInstanceInformationFilterValue", () => Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [Filter("PingStatus", "Online")],
            InstanceInformationFilterList = [new InstanceInformationFilter { Key = InstanceInformationFilterKey.PingStatus, ValueSet = ["Online"] }],
        }));
    }

    [Fact]
    public async Task DescribeInstanceInformation_LegacyFilterList_StillFilters()
    {
        var ec2 = Emulator.Ssm.AddNode(new NewNode { ResourceType = "EC2Instance" });
        Emulator.Ssm.AddNode(new NewNode());

        var found = await DescribeAllNodesAsync(new DescribeInstanceInformationRequest
        {
            InstanceInformationFilterList = [new InstanceInformationFilter { Key = InstanceInformationFilterKey.ResourceType, ValueSet = ["EC2Instance"] }],
        });

        Assert.Equal([ec2.InstanceId], found.Select(n => n.InstanceId));
    }
}
