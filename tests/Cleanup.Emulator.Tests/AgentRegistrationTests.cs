using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class AgentRegistrationTests : EmulatorTest
{
    [Fact]
    public async Task Register_CreatesNodeWithActivationsNameRoleAndTags()
    {
        var activation = await CreateActivationAsync(name: "task-abc", role: "HybridRole", tags: new() { ["cleanup:cluster"] = "prod", ["team"] = "ops" });

        var agent = await RegisterAgentAsync(activation);

        Assert.Matches("^mi-[0-9a-f]{17}$", agent.InstanceId);
        var node = Assert.Single(Emulator.Ssm.Nodes());
        Assert.Equal(agent.InstanceId, node.InstanceId);
        Assert.Equal("task-abc", node.Name);
        Assert.Equal(activation.ActivationId, node.ActivationId);
        Assert.Equal("ManagedInstance", node.ResourceType);
        Assert.Equal(Start, node.RegistrationDate);
        Assert.Null(node.LastPingDateTime);
        Assert.Equal(new Dictionary<string, string> { ["cleanup:cluster"] = "prod", ["team"] = "ops" }, node.Tags);
        var listed = await Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.ManagedInstance, ResourceId = agent.InstanceId });
        Assert.Equal(["cleanup:cluster=prod", "team=ops"], listed.TagList.Select(t => $"{t.Key}={t.Value}"));
        Assert.Equal(1, Assert.Single(Emulator.Ssm.Activations()).RegistrationsCount);
    }

    [Fact]
    public async Task Register_BeyondRegistrationLimit_IsRefused()
    {
        var activation = await CreateActivationAsync(limit: 2);
        await RegisterAgentAsync(activation);
        await RegisterAgentAsync(activation);

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => RegisterAgentAsync(activation));

        Assert.Equal("InvalidActivation", error.Code);
        Assert.Equal(2, Emulator.Ssm.Nodes().Count);
        Assert.Equal(2, Assert.Single(Emulator.Ssm.Activations()).RegistrationsCount);
    }

    [Fact]
    public async Task Register_ConcurrentAgents_NeverExceedTheLimit()
    {
        var activation = await CreateActivationAsync(limit: 5);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                return (await RegisterAgentAsync(activation)).InstanceId;
            }
            catch (AwsErrorException e) when (e.Code == "InvalidActivation")
            {
                return null;
            }
        }));

        Assert.Equal(5, attempts.Count(id => id is not null));
        Assert.Equal(5, attempts.Where(id => id is not null).Distinct().Count());
        Assert.Equal(5, Emulator.Ssm.Nodes().Count);
        Assert.Equal(20, Emulator.Calls.Count("RegisterManagedInstance"));
        Assert.Equal(5, Emulator.Calls.Succeeded("RegisterManagedInstance"));
    }

    [Fact]
    public async Task Register_ExpiredActivation_IsRefused()
    {
        var activation = await CreateActivationAsync(expiresIn: TimeSpan.FromMinutes(30));
        Clock.Advance(TimeSpan.FromMinutes(30));

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => RegisterAgentAsync(activation));

        Assert.Equal("ActivationExpired", error.Code);
        Assert.Empty(Emulator.Ssm.Nodes());
    }

    [Fact]
    public async Task Register_WrongCode_IsInvalidActivationAndDoesNotEchoTheCode()
    {
        var activation = await CreateActivationAsync();
        var wrongCode = new string('X', 20);

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => StubAgent.RegisterAsync(Emulator.Url, activation.ActivationId, wrongCode));

        Assert.Equal("InvalidActivation", error.Code);
        Assert.DoesNotContain(wrongCode, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(activation.ActivationCode, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_DeletedActivation_IsInvalidActivation()
    {
        var activation = await CreateActivationAsync();
        await Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = activation.ActivationId });

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => RegisterAgentAsync(activation));

        Assert.Equal("InvalidActivation", error.Code);
    }

    [Fact]
    public async Task Register_TooShortCode_IsValidationExceptionWithoutTheValue()
    {
        var activation = await CreateActivationAsync();

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => StubAgent.RegisterAsync(Emulator.Url, activation.ActivationId, "short-secret"));

        Assert.Equal("ValidationException", error.Code);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_SetsLastPingAndReportedFields()
    {
        var agent = Assert.Single(await RegisterAgentsAsync(1));
        Clock.Advance(TimeSpan.FromMinutes(3));

        await agent.PingAsync("10.0.1.7", "ip-10-0-1-7.ec2.internal");

        var node = Assert.Single(Emulator.Ssm.Nodes());
        Assert.Equal(Start.AddMinutes(3), node.LastPingDateTime);
        Assert.Equal("10.0.1.7", node.IPAddress);
        Assert.Equal("ip-10-0-1-7.ec2.internal", node.ComputerName);
        var info = Assert.Single((await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList);
        Assert.Equal(PingStatus.Online, info.PingStatus);
        Assert.Equal("Linux", info.PlatformType?.Value);
        Assert.Equal("3.3.1345.0", info.AgentVersion);
    }

    [Fact]
    public async Task Ping_AfterDeregistration_IsInvalidInstanceId()
    {
        var agent = Assert.Single(await RegisterAgentsAsync(1));
        await Ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = agent.InstanceId });

        var error = await Assert.ThrowsAsync<AwsErrorException>(() => agent.PingAsync("10.0.0.1", "host"));

        Assert.Equal("InvalidInstanceId", error.Code);
    }
}
