using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class ParameterHistoryTests : ParameterStoreTest
{
    [Fact]
    public async Task GetParameterHistory_ListsEveryVersionOldestFirstWithItsWriteTimeAndWriter()
    {
        await Ssm.PutParameterAsync(new PutParameterRequest { Name = Lease, Value = "v1", Type = ParameterType.String, Description = "the sweep's lease" });
        Clock.Advance(TimeSpan.FromSeconds(90));
        await PutAsync(Lease, "v2", overwrite: true);

        var history = await HistoryAsync(Lease);

        Assert.Equal([("v1", 1L), ("v2", 2L)], history.Select(h => (h.Value, h.Version ?? 0)));
        Assert.Equal([Start.UtcDateTime, Start.AddSeconds(90).UtcDateTime], history.Select(h => h.LastModifiedDate?.ToUniversalTime()));
        Assert.All(history, h =>
        {
            Assert.Equal(Lease, h.Name);
            Assert.Equal(ParameterType.String, h.Type);
            Assert.Equal(ParameterTier.Standard, h.Tier);
            Assert.Equal("text", h.DataType);
            Assert.Equal("arn:aws:iam::123456789012:user/emulator", h.LastModifiedUser);
            Assert.Equal("the sweep's lease", h.Description);
            Assert.Null(h.KeyId);
        });
    }

    [Fact]
    public async Task GetParameterHistory_SecureString_NamesTheDefaultKey()
    {
        await PutAsync(Lease, "secret", type: ParameterType.SecureString);

        Assert.Equal("alias/aws/ssm", Assert.Single(await HistoryAsync(Lease)).KeyId);
    }

    [Fact]
    public async Task GetParameterHistory_MaxResults_PagesThroughEveryVersionOnce()
    {
        await PutVersionsAsync(Lease, 7);

        var first = await Ssm.GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = Lease, MaxResults = 3 });
        var all = await HistoryAsync(Lease, pageSize: 3);

        Assert.Equal(3, first.Parameters.Count);
        Assert.NotNull(first.NextToken);
        Assert.Equal(Enumerable.Range(1, 7).Select(v => (long?)v), all.Select(h => h.Version));
        Assert.Equal(1 + 3, Emulator.Calls.Succeeded("GetParameterHistory"));
    }

    [Fact]
    public async Task GetParameterHistory_DefaultPage_IsFiftyVersions()
    {
        await PutVersionsAsync(Lease, 51);

        var first = await Ssm.GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = Lease });

        Assert.Equal(50, first.Parameters.Count);
        Assert.NotNull(first.NextToken);
    }

    [Fact]
    public async Task GetParameterHistory_MissingName_IsParameterNotFound()
    {
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => HistoryAsync(Lease));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task GetParameterHistory_MaxResultsOutsideOneToFifty_IsValidationException(int maxResults)
    {
        await PutAsync(Lease, "v1");

        await ThrowsAwsAsync("ValidationException", () => HistoryAsync(Lease, pageSize: maxResults));
    }

    [Fact]
    public async Task GetParameterHistory_ForeignToken_IsInvalidNextToken()
    {
        await PutAsync(Lease, "v1");

        await Assert.ThrowsAsync<InvalidNextTokenException>(() => Ssm.GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = Lease, NextToken = "bm90LWEtdG9rZW4=" }));
    }
}
