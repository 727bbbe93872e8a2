using System.Diagnostics;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class FaultInjectionTests : EmulatorTest
{
    [Fact]
    public async Task ThrottleEvery_ThrottledCallsAreCountedButNotSucceeded()
    {
        Emulator.Faults.ThrottleEvery("DescribeActivations", 2);

        var outcomes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            try
            {
                await Ssm.DescribeActivationsAsync(new DescribeActivationsRequest());
                outcomes.Add("ok");
            }
            catch (Amazon.Runtime.AmazonServiceException e)
            {
                outcomes.Add(e.ErrorCode);
                Assert.Equal("Rate exceeded", e.Message);
                Assert.Equal(400, (int)e.StatusCode);
            }
        }

        Assert.Equal(["ok", "ThrottlingException", "ok", "ThrottlingException"], outcomes);
        Assert.Equal(4, Emulator.Calls.Count("DescribeActivations"));
        Assert.Equal(2, Emulator.Calls.Succeeded("DescribeActivations"));
    }

    [Fact]
    public async Task FailFor_OnlyCallsNamingThatResourceFail_UntilCleared()
    {
        Emulator.Faults.FailFor("ListTagsForResource", "ResourceId", "mi-0123456789abcdef0");

        var denied = await Assert.ThrowsAsync<Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementException>(() =>
            Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = "ManagedInstance", ResourceId = "mi-0123456789abcdef0" }));
        var other = await Assert.ThrowsAsync<Amazon.SimpleSystemsManagement.Model.InvalidResourceIdException>(() =>
            Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = "ManagedInstance", ResourceId = "mi-0123456789abcdef1" }));
        Emulator.Faults.Clear();
        var cleared = await Assert.ThrowsAsync<Amazon.SimpleSystemsManagement.Model.InvalidResourceIdException>(() =>
            Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = "ManagedInstance", ResourceId = "mi-0123456789abcdef0" }));

        Assert.Equal("AccessDeniedException", denied.ErrorCode);
        Assert.Contains("is not authorized to perform: ssm:ListTagsForResource on resource: mi-0123456789abcdef0", denied.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidResourceId", other.ErrorCode);
        Assert.Equal("InvalidResourceId", cleared.ErrorCode);
    }

    [Fact]
    public async Task ThrottleEveryCall_WithSdkRetries_Converges()
    {
        Emulator.Faults.ThrottleEvery("*", 2);
        using var retrying = NewClient(maxErrorRetry: 4);

        // Calls alternate throttled/ok across the whole emulator, so every SDK call needs at most one retry.
        await retrying.DescribeActivationsAsync(new DescribeActivationsRequest());
        await retrying.DescribeActivationsAsync(new DescribeActivationsRequest());
        await retrying.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        Assert.Equal(2, Emulator.Calls.Succeeded("DescribeActivations"));
        Assert.Equal(1, Emulator.Calls.Succeeded("DescribeInstanceInformation"));
        Assert.Contains(Emulator.Calls.All(), c => c.ErrorCode == "ThrottlingException");
    }

    [Fact]
    public async Task FailNext_ServerErrorsThenSuccess_SdkRetriesConverge()
    {
        Emulator.Faults.FailNext("DescribeInstanceInformation", 2);
        using var retrying = NewClient(maxErrorRetry: 3);

        await retrying.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        Assert.Equal(
            [(500, "InternalServerError"), (500, "InternalServerError"), (200, null)],
            Emulator.Calls.All().Select(c => (c.StatusCode, c.ErrorCode)));
    }

    [Fact]
    public async Task FailNext_WithoutRetries_SurfacesTheInjectedCode()
    {
        Emulator.Faults.FailNext("DeleteActivation", 1, 400, "TooManyUpdates");

        await ThrowsAwsAsync("TooManyUpdates", () => Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = Guid.NewGuid().ToString() }));
        await ThrowsAwsAsync("InvalidActivation", () => Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = Guid.NewGuid().ToString() }));
    }

    [Fact]
    public async Task AddLatency_DelaysOnlyThatOperation()
    {
        Emulator.Faults.AddLatency("DescribeActivations", TimeSpan.FromMilliseconds(400));

        var slow = Stopwatch.StartNew();
        await Ssm.DescribeActivationsAsync(new DescribeActivationsRequest());
        slow.Stop();

        Assert.True(slow.Elapsed >= TimeSpan.FromMilliseconds(380), $"took {slow.Elapsed}");
    }

    [Fact]
    public async Task Clear_RemovesAllFaults()
    {
        Emulator.Faults.ThrottleEvery("*", 1);
        Emulator.Faults.Clear();

        await Ssm.DescribeActivationsAsync(new DescribeActivationsRequest());

        Assert.Equal(1, Emulator.Calls.Succeeded("DescribeActivations"));
    }

    [Fact]
    public async Task CallLog_RecordsOperationStatusAndClockTime_AndResets()
    {
        await CreateActivationAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        await ThrowsAwsAsync("InvalidActivation", () => Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = Guid.NewGuid().ToString() }));

        Assert.Equal(
            [new RecordedCall("CreateActivation", 200, null, Start), new RecordedCall("DeleteActivation", 400, "InvalidActivation", Start.AddMinutes(1))],
            Emulator.Calls.All());
        Emulator.Calls.Reset();
        Assert.Empty(Emulator.Calls.All());
        Assert.Equal(0, Emulator.Calls.Count("CreateActivation"));
    }
}
