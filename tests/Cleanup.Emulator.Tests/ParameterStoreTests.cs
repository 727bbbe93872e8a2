using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class ParameterStoreTests : ParameterStoreTest
{
    [Fact]
    public async Task PutParameter_NewName_IsVersionOneInTheStandardTier()
    {
        var put = await PutAsync(Lease, "owner-a");

        Assert.Equal(1, put.Version);
        Assert.Equal(ParameterTier.Standard, put.Tier);
    }

    [Fact]
    public async Task PutParameter_ExistingNameWithoutOverwrite_IsParameterAlreadyExistsAndKeepsTheValue()
    {
        await PutAsync(Lease, "owner-a");

        await Assert.ThrowsAsync<ParameterAlreadyExistsException>(() => PutAsync(Lease, "owner-b"));

        var stored = await GetAsync(Lease);
        Assert.Equal(("owner-a", 1L), (stored.Value, stored.Version));
    }

    [Fact]
    public async Task PutParameter_Overwrite_AnswersTheNextVersionEachTime()
    {
        await PutAsync(Lease, "v1");

        var second = await PutAsync(Lease, "v2", overwrite: true);
        var third = await PutAsync(Lease, "v3", overwrite: true);

        Assert.Equal((2L, 3L), (second.Version, third.Version));
        var stored = await GetAsync(Lease);
        Assert.Equal(("v3", 3L), (stored.Value, stored.Version));
    }

    [Fact]
    public async Task PutParameter_OverwriteWithoutType_KeepsTheType()
    {
        await PutAsync(Lease, "a,b", type: ParameterType.StringList);

        await Ssm.PutParameterAsync(new PutParameterRequest { Name = Lease, Value = "c,d", Overwrite = true });

        Assert.Equal(ParameterType.StringList, (await GetAsync(Lease)).Type);
    }

    [Fact]
    public async Task PutParameter_CreateWithoutType_IsValidationException()
    {
        // The model: "You must specify a parameter type when creating a parameter."
        await ThrowsAwsAsync("ValidationException", () => Ssm.PutParameterAsync(new PutParameterRequest { Name = Lease, Value = "v" }));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_OverwriteWithAnotherType_IsHierarchyTypeMismatchAndKeepsTheParameter()
    {
        await PutAsync(Lease, "v1");

        await Assert.ThrowsAsync<HierarchyTypeMismatchException>(() => PutAsync(Lease, "v2", overwrite: true, type: ParameterType.SecureString));

        var stored = await GetAsync(Lease);
        Assert.Equal(("v1", 1L), (stored.Value, stored.Version));
    }

    [Fact]
    public async Task PutParameter_TagsWithOverwrite_IsValidationExceptionEvenForANewName()
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = "v",
            Type = ParameterType.String,
            Overwrite = true,
            Tags = [new Tag { Key = "cleanup", Value = "yes" }],
        }));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_TagsOnCreate_AreKept()
    {
        await Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = "v",
            Type = ParameterType.String,
            Tags = [new Tag { Key = "cleanup", Value = "yes" }],
        });

        Assert.Equal("yes", Assert.Single(Emulator.Ssm.Parameters()).Tags["cleanup"]);
    }

    [Fact]
    public async Task GetParameter_ReturnsValueVersionArnDataTypeAndTheClocksTimeOfTheWrite()
    {
        await PutAsync(Lease, "v1");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await PutAsync(Lease, "v2", overwrite: true);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var read = await GetAsync(Lease);

        Assert.Equal(Lease, read.Name);
        Assert.Equal(ParameterType.String, read.Type);
        Assert.Equal("v2", read.Value);
        Assert.Equal(2, read.Version);
        Assert.Equal(Start.AddMinutes(5).UtcDateTime, read.LastModifiedDate?.ToUniversalTime());
        Assert.Equal("arn:aws:ssm:us-east-1:123456789012:parameter/cleanup/stack/sweep-lease", read.ARN);
        Assert.Equal("text", read.DataType);
        Assert.Null(read.Selector);
    }

    [Fact]
    public async Task GetParameter_VersionSelector_ReturnsThatVersionUnderTheBareName()
    {
        await PutVersionsAsync(Lease, 3);

        var first = await GetAsync(Lease + ":1");

        Assert.Equal((Lease, "v1", 1L, ":1"), (first.Name, first.Value, first.Version, first.Selector));
    }

    [Theory]
    [InlineData(":4")]
    [InlineData(":0")]
    [InlineData(":99999999999999999999")]
    [InlineData(":production")]
    public async Task GetParameter_SelectorNamingNoVersion_IsParameterVersionNotFound(string selector)
    {
        await PutVersionsAsync(Lease, 3);

        await Assert.ThrowsAsync<ParameterVersionNotFoundException>(() => GetAsync(Lease + selector));
    }

    [Fact]
    public async Task GetParameter_MissingName_IsParameterNotFound()
    {
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => GetAsync(Lease));
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => GetAsync(Lease + ":1"));
    }

    [Fact]
    public async Task GetParameter_ByArn_FindsTheParameter()
    {
        await PutAsync(Lease, "v1");

        var read = await GetAsync("arn:aws:ssm:us-east-1:123456789012:parameter/cleanup/stack/sweep-lease:1");

        Assert.Equal((Lease, "v1"), (read.Name, read.Value));
    }

    [Fact]
    public async Task GetParameter_ArnOfAnotherAccount_IsParameterNotFound()
    {
        await PutAsync(Lease, "v1");

        await Assert.ThrowsAsync<ParameterNotFoundException>(() => GetAsync("arn:aws:ssm:us-east-1:210987654321:parameter/cleanup/stack/sweep-lease"));
    }

    [Fact]
    public async Task SingleLevelName_WithAndWithoutLeadingSlash_IsOneParameter()
    {
        // As in AWS: both spellings have the ARN parameter/sweep-lease, and reads echo the spelling asked for.
        await PutAsync("sweep-lease", "v1");

        await Assert.ThrowsAsync<ParameterAlreadyExistsException>(() => PutAsync("/sweep-lease", "v2"));
        var read = await GetAsync("/sweep-lease");

        Assert.Equal(("/sweep-lease", "v1"), (read.Name, read.Value));
        Assert.EndsWith(":parameter/sweep-lease", read.ARN, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteParameter_ThenCreateAgain_StartsOverAtVersionOne()
    {
        await PutVersionsAsync(Lease, 3);

        await Ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = Lease });
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => GetAsync(Lease));
        var recreated = await PutAsync(Lease, "again");

        Assert.Equal(1, recreated.Version);
        Assert.Equal(["again"], (await HistoryAsync(Lease)).Select(h => h.Value));
    }

    [Fact]
    public async Task DeleteParameter_MissingName_IsParameterNotFound()
    {
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => Ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = Lease }));
    }

    [Fact]
    public async Task PutParameter_BeyondAHundredVersions_DropsTheOldestButKeepsCounting()
    {
        await PutVersionsAsync(Lease, 105);

        var next = await PutAsync(Lease, "v106", overwrite: true);

        Assert.Equal(106, next.Version);
        var history = await HistoryAsync(Lease);
        Assert.Equal(Enumerable.Range(7, 100).Select(v => (long?)v), history.Select(h => h.Version));
        await Assert.ThrowsAsync<ParameterVersionNotFoundException>(() => GetAsync(Lease + ":6"));
        Assert.Equal("v7", (await GetAsync(Lease + ":7")).Value);
    }
}
