using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class PingStatusTests : EmulatorTest
{
    [Fact]
    public async Task NeverPingedNode_IsConnectionLostWithoutLastPingDateTime()
    {
        await RegisterAgentsAsync(1);

        var info = Assert.Single((await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList);

        Assert.Equal(PingStatus.ConnectionLost, info.PingStatus);
        Assert.Null(info.LastPingDateTime);
    }

    [Fact]
    public async Task PingedNode_StaysOnlineUpToTheThreshold_ThenIsConnectionLost()
    {
        var agent = Assert.Single(await RegisterAgentsAsync(1));
        await agent.PingAsync("10.0.0.5", "host");

        Clock.Advance(TimeSpan.FromMinutes(10));
        var atThreshold = await StatusAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await StatusAsync();
        await agent.PingAsync("10.0.0.5", "host");
        var afterNewPing = await StatusAsync();

        Assert.Equal(PingStatus.Online, atThreshold);
        Assert.Equal(PingStatus.ConnectionLost, after);
        Assert.Equal(PingStatus.Online, afterNewPing);
    }

    [Fact]
    public async Task ConnectionLostAfter_IsConfigurable()
    {
        var clock = new ManualClock(Start);
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock, ConnectionLostAfter = TimeSpan.FromMinutes(1) });
        emulator.Ssm.AddNode(new NewNode { LastPingDateTime = Start });
        using var client = new AmazonSimpleSystemsManagementClient(
            new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = emulator.Url.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        clock.Advance(TimeSpan.FromMinutes(2));
        var info = Assert.Single((await client.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList);

        Assert.Equal(PingStatus.ConnectionLost, info.PingStatus);
        Assert.Equal(Start.UtcDateTime, info.LastPingDateTime?.ToUniversalTime());
    }

    private async Task<PingStatus> StatusAsync() =>
        Assert.Single((await Ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest())).InstanceInformationList).PingStatus;
}
