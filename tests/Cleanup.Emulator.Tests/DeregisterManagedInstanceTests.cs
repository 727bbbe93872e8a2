using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class DeregisterManagedInstanceTests : EmulatorTest
{
    [Fact]
    public async Task Deregister_RemovesTheNodeButNotItsActivation()
    {
        var agents = await RegisterAgentsAsync(2);

        await Ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = agents[0].InstanceId });

        Assert.Equal([agents[1].InstanceId], Emulator.Ssm.Nodes().Select(n => n.InstanceId));
        Assert.Single(Emulator.Ssm.Activations());
    }

    [Fact]
    public async Task Deregister_Twice_IsInvalidInstanceId()
    {
        var agent = Assert.Single(await RegisterAgentsAsync(1));
        await Ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = agent.InstanceId });

        await ThrowsAwsAsync("InvalidInstanceId", () => Ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = agent.InstanceId }));
    }

    [Fact]
    public async Task Deregister_UnknownWellFormedId_IsInvalidInstanceId()
    {
        await ThrowsAwsAsync("InvalidInstanceId", () => Ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = UnknownId() }));
    }

    [Theory]
    [InlineData("i-0123456789abcdef0")]
    [InlineData("mi-0123456789ABCDEF0")]
    [InlineData("mi-123")]
    public async Task Deregister_IdNotMatchingTheModelPattern_IsValidationException(string id)
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.DeregisterManagedInstanceAsync(new DeregisterManagedInstanceRequest { InstanceId = id }));
    }

    private static string UnknownId() => "mi-" + new string('0', 17);
}
