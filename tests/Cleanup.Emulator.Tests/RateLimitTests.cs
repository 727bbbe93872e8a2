using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>Per-operation token buckets: burst, refill on the bucket clock, independence, and runtime changes.</summary>
public sealed class RateLimitTests : RateLimitedEmulatorTest
{
    private const string Ok = "ok";
    private const string Throttled = "ThrottlingException";

    [Fact]
    public async Task RateLimit_BurstSpent_ThrottlesNextCall()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 3));

        Assert.Equal([Ok, Ok, Ok, Throttled], await CallsAsync("DescribeActivations", 4));
    }

    [Fact]
    public async Task RateLimit_ThrottledCall_IsAwsThrottleAndLogged()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));
        await CallAsync("DescribeActivations");

        using var http = new HttpClient();
        var (status, body) = await RawAws.CallAsync(http, Emulator.Url, RawAws.Ssm + "DescribeActivations");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"__type":"ThrottlingException","message":"Rate exceeded"}""", body.ToJsonString());
        Assert.Equal(
            [("DescribeActivations", 200, null), ("DescribeActivations", 400, Throttled)],
            Emulator.Calls.All().Select(c => (c.Operation, c.StatusCode, c.ErrorCode)));
    }

    [Fact]
    public async Task RateLimit_ThrottledCall_IsNotCarriedOut()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));

        var outcomes = new[]
        {
            await CallAsync("CreateActivation", """{"IamRole":"R"}"""),
            await CallAsync("CreateActivation", """{"IamRole":"R"}"""),
        };

        Assert.Equal([Ok, Throttled], outcomes);
        Assert.Single(Emulator.Ssm.Activations());
    }

    [Fact]
    public async Task RateLimit_UnsignedCall_IsRefusedWithoutSpendingAToken()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));
        using var http = new HttpClient();

        var (_, unsigned) = await RawAws.CallAsync(http, Emulator.Url, RawAws.Ssm + "DescribeActivations", signed: false);

        Assert.Equal("MissingAuthenticationTokenException", unsigned["__type"]!.GetValue<string>());
        Assert.Equal(Ok, await CallAsync("DescribeActivations"));
    }

    [Fact]
    public async Task RateLimit_TimePasses_RefillsAtTheRate()
    {
        Emulator.RateLimits.Set(new RateLimit(2, 1));
        Assert.Equal([Ok, Throttled], await CallsAsync("DescribeActivations", 2));

        Bucket.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(Throttled, await CallAsync("DescribeActivations"));

        Bucket.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal([Ok, Throttled], await CallsAsync("DescribeActivations", 2));
    }

    [Fact]
    public async Task RateLimit_LongIdle_RefillsOnlyUpToBurst()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 2));
        await CallsAsync("DescribeActivations", 2);

        Bucket.Advance(TimeSpan.FromHours(1));

        Assert.Equal([Ok, Ok, Throttled], await CallsAsync("DescribeActivations", 3));
    }

    [Fact]
    public async Task RateLimit_FractionalRate_AdmitsOneCallPerInterval()
    {
        // Ten refills of 0.1 token sum to just under 1 in binary floating point; that must still be a whole token.
        Emulator.RateLimits.Set(new RateLimit(0.1));
        Assert.Equal([Ok, Throttled], await CallsAsync("DescribeActivations", 2));

        var outcomes = new List<string>();
        for (var second = 1; second <= 10; second++)
        {
            Bucket.Advance(TimeSpan.FromSeconds(1));
            outcomes.Add(await CallAsync("DescribeActivations"));
        }

        Assert.Equal([.. Enumerable.Repeat(Throttled, 9), Ok], outcomes);
    }

    [Fact]
    public async Task RateLimit_EachOperation_HasItsOwnBucket()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));

        var outcomes = new[]
        {
            await CallAsync("DescribeActivations"),
            await CallAsync("DescribeActivations"),
            await CallAsync("DescribeInstanceInformation"),
            await CallAsync(RawAws.Ecs + "ListClusters"),
            await CallAsync("DescribeInstanceInformation"),
            await CallAsync(RawAws.Ecs + "ListClusters"),
        };

        Assert.Equal([Ok, Throttled, Ok, Ok, Throttled, Throttled], outcomes);
    }

    [Fact]
    public async Task RateLimit_SwitchedOnAtRuntime_StartsWithAFullBurst()
    {
        Assert.Null(Emulator.RateLimits.Current);
        Assert.All(await CallsAsync("DescribeActivations", 10), outcome => Assert.Equal(Ok, outcome));

        Emulator.RateLimits.Set(new RateLimit(1, 2));

        Assert.Equal(new RateLimit(1, 2), Emulator.RateLimits.Current);
        Assert.Equal([Ok, Ok, Throttled], await CallsAsync("DescribeActivations", 3));
    }

    [Fact]
    public async Task RateLimit_SetToNull_LiftsTheQuota()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));
        await CallsAsync("DescribeActivations", 2);

        Emulator.RateLimits.Set(null);

        Assert.Null(Emulator.RateLimits.Current);
        Assert.All(await CallsAsync("DescribeActivations", 5), outcome => Assert.Equal(Ok, outcome));
    }

    [Fact]
    public async Task RateLimit_ChangedAtRuntime_NewQuotaApplies()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));
        await CallsAsync("DescribeActivations", 2);

        Emulator.RateLimits.Set(new RateLimit(5, 3));

        Assert.Equal([Ok, Ok, Ok, Throttled], await CallsAsync("DescribeActivations", 4));
    }

    [Fact]
    public async Task RateLimit_FromOptions_AppliesFromTheFirstCall()
    {
        await using var limited = await StartAsync(new RateLimit(1, 1));

        var outcomes = new[] { await CallAsync("DescribeActivations", emulator: limited), await CallAsync("DescribeActivations", emulator: limited) };

        Assert.Equal([Ok, Throttled], outcomes);
        Assert.Equal(new RateLimit(1, 1), limited.RateLimits.Current);
    }

    [Fact]
    public async Task RateLimit_LifecycleClockAdvancing_DoesNotRefill()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));
        await CallAsync("DescribeActivations");

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(Throttled, await CallAsync("DescribeActivations"));
    }

    [Fact]
    public async Task RateLimit_ConcurrentCalls_AdmitExactlyTheBurst()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 5));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => CallAsync("DescribeActivations"))));

        Assert.Equal(5, outcomes.Count(o => o == Ok));
        Assert.Equal(35, outcomes.Count(o => o == Throttled));
    }

    [Fact]
    public async Task RateLimit_SdkWithoutRetries_ThrowsThrottlingException()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));
        using var ssm = NewClient(maxErrorRetry: 0);
        await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        var error = await Assert.ThrowsAnyAsync<Amazon.Runtime.AmazonServiceException>(
            () => ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest()));

        Assert.Equal(Throttled, error.ErrorCode);
        Assert.Equal("Rate exceeded", error.Message);
    }

    [Fact]
    public async Task RateLimit_SdkRetry_SucceedsOnceATokenRefills()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 1));
        using var ssm = NewClient(maxErrorRetry: 3, new ThrottleAdvancesClock(Bucket, TimeSpan.FromSeconds(1)));
        await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());

        Assert.Equal(
            [(200, null), (400, Throttled), (200, null)],
            Emulator.Calls.All().Select(c => (c.StatusCode, c.ErrorCode)));
    }

    [Fact]
    public async Task RateLimit_ThrottledCalls_AreSummarisedAsThrottledErrors()
    {
        Emulator.RateLimits.Set(new RateLimit(1, 2));
        await CallsAsync("DescribeActivations", 3);
        await CallAsync("DescribeInstanceInformation");

        var summary = Emulator.Calls.Summary();

        Assert.Equal(new CallCounts(4, 1, 1), summary.Total);
        Assert.Equal(
            [KeyValuePair.Create("DescribeActivations", new CallCounts(3, 1, 1)), KeyValuePair.Create("DescribeInstanceInformation", new CallCounts(1, 0, 0))],
            summary.Operations);
    }

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(1, 1)]
    [InlineData(2.5, 3)]
    [InlineData(20, 20)]
    public void RateLimit_WithoutBurst_BurstIsTheRateRoundedUp(double perSecond, int burst) =>
        Assert.Equal(burst, new RateLimit(perSecond).Burst);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RateLimit_NonPositiveOrNonFiniteRate_IsRejected(double perSecond) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimit(perSecond));

    [Fact]
    public void RateLimit_BurstBelowOne_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimit(1, 0));
}
