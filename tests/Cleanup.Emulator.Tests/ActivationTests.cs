using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

public sealed class ActivationTests : EmulatorTest
{
    [Fact]
    public async Task CreateActivation_ReturnsGuidIdAndTwentyCharacterCode()
    {
        var created = await CreateActivationAsync();

        Assert.True(Guid.TryParse(created.ActivationId, out _));
        Assert.Equal(20, created.ActivationCode.Length);
    }

    [Fact]
    public async Task CreateActivation_Defaults_OneRegistrationAndTwentyFourHours()
    {
        await Ssm.CreateActivationAsync(new CreateActivationRequest { IamRole = "SSMServiceRole" });

        var activation = Assert.Single(Emulator.Ssm.Activations());
        Assert.Equal(1, activation.RegistrationLimit);
        Assert.Equal(0, activation.RegistrationsCount);
        Assert.Equal(Start.AddHours(24), activation.ExpirationDate);
        Assert.Equal(Start, activation.CreatedDate);
    }

    [Fact]
    public async Task CreateActivation_WithoutIamRole_IsValidationException()
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.CreateActivationAsync(new CreateActivationRequest { DefaultInstanceName = "x" }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task CreateActivation_RegistrationLimitOutOfRange_IsValidationException(int limit)
    {
        await ThrowsAwsAsync("ValidationException", () => CreateActivationAsync(limit: limit));
    }

    [Fact]
    public async Task CreateActivation_IamRoleLongerThan64_IsValidationException()
    {
        await ThrowsAwsAsync("ValidationException", () => CreateActivationAsync(role: new string('r', 65)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31 * 24)]
    public async Task CreateActivation_ExpirationInThePastOrBeyondThirtyDays_IsInvalidParameters(int hours)
    {
        await ThrowsAwsAsync("InvalidParameters", () => CreateActivationAsync(expiresIn: TimeSpan.FromHours(hours)));
    }

    [Fact]
    public async Task CreateActivation_TagKeyTooLong_IsValidationException()
    {
        await ThrowsAwsAsync("ValidationException", () => CreateActivationAsync(tags: new() { [new string('k', 129)] = "v" }));
    }

    [Fact]
    public async Task DescribeActivations_ReturnsEveryModelledField()
    {
        var created = await CreateActivationAsync(limit: 3, tags: new() { ["cleanup:cluster"] = "prod" }, expiresIn: TimeSpan.FromDays(2));

        var listed = Assert.Single((await Ssm.DescribeActivationsAsync(new DescribeActivationsRequest())).ActivationList);

        Assert.Equal(created.ActivationId, listed.ActivationId);
        Assert.Equal("cleanup-task", listed.DefaultInstanceName);
        Assert.Equal("SSMServiceRole", listed.IamRole);
        Assert.Equal(3, listed.RegistrationLimit);
        Assert.Equal(0, listed.RegistrationsCount);
        Assert.False(listed.Expired);
        Assert.Equal(Start.AddDays(2).UtcDateTime, listed.ExpirationDate?.ToUniversalTime());
        Assert.Equal(Start.UtcDateTime, listed.CreatedDate?.ToUniversalTime());
        var tag = Assert.Single(listed.Tags);
        Assert.Equal(("cleanup:cluster", "prod"), (tag.Key, tag.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task DescribeActivations_MaxResultsOutOfRange_IsValidationException(int maxResults)
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.DescribeActivationsAsync(new DescribeActivationsRequest { MaxResults = maxResults }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    public async Task DescribeActivations_Pagination_ReachesEveryActivationExactlyOnce(int? maxResults)
    {
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            created.Add((await CreateActivationAsync()).ActivationId);
        }

        var seen = new List<string>();
        var pages = 0;
        var request = new DescribeActivationsRequest { MaxResults = maxResults };
        do
        {
            var page = await Ssm.DescribeActivationsAsync(request);
            Assert.True(page.ActivationList.Count <= (maxResults ?? 10));
            seen.AddRange(page.ActivationList.Select(a => a.ActivationId));
            request.NextToken = page.NextToken;
            pages++;
        }
        while (request.NextToken is not null);

        Assert.Equal(created, seen);
        Assert.Equal((int)Math.Ceiling(23d / (maxResults ?? 10)), pages);
    }

    [Fact]
    public async Task DescribeActivations_GarbageNextToken_IsInvalidNextToken()
    {
        await ThrowsAwsAsync("InvalidNextToken", () => Ssm.DescribeActivationsAsync(new DescribeActivationsRequest { NextToken = "not-a-token" }));
    }

    [Fact]
    public async Task DescribeActivations_Filters_OrWithinAFilterAndAcrossFilters()
    {
        var a = await CreateActivationAsync(name: "a", role: "RoleA");
        var b = await CreateActivationAsync(name: "b", role: "RoleA");
        await CreateActivationAsync(name: "c", role: "RoleB");

        var byIds = await Ssm.DescribeActivationsAsync(new DescribeActivationsRequest
        {
            Filters = [new() { FilterKey = DescribeActivationsFilterKeys.ActivationIds, FilterValues = [a.ActivationId, b.ActivationId] }],
        });
        var byRoleAndName = await Ssm.DescribeActivationsAsync(new DescribeActivationsRequest
        {
            Filters =
            [
                new() { FilterKey = DescribeActivationsFilterKeys.IamRole, FilterValues = ["RoleA"] },
                new() { FilterKey = DescribeActivationsFilterKeys.DefaultInstanceName, FilterValues = ["b", "c"] },
            ],
        });

        Assert.Equal([a.ActivationId, b.ActivationId], byIds.ActivationList.Select(x => x.ActivationId));
        Assert.Equal([b.ActivationId], byRoleAndName.ActivationList.Select(x => x.ActivationId));
    }

    [Fact]
    public async Task DescribeActivations_UnknownFilterKey_IsInvalidFilter()
    {
        await ThrowsAwsAsync("InvalidFilter", () => Ssm.DescribeActivationsAsync(new DescribeActivationsRequest
        {
            Filters = [new() { FilterKey = new DescribeActivationsFilterKeys("tag:x"), FilterValues = ["y"] }],
        }));
    }

    [Fact]
    public async Task DescribeActivations_ExpiredActivation_StaysListedAsExpired()
    {
        await CreateActivationAsync(expiresIn: TimeSpan.FromHours(1));
        Clock.Advance(TimeSpan.FromHours(1));

        var listed = Assert.Single((await Ssm.DescribeActivationsAsync(new DescribeActivationsRequest())).ActivationList);

        Assert.True(listed.Expired);
    }

    [Fact]
    public async Task DeleteActivation_KeepsRegisteredNodes()
    {
        var activation = await CreateActivationAsync();
        var agent = await RegisterAgentAsync(activation);

        await Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = activation.ActivationId });

        Assert.Empty(Emulator.Ssm.Activations());
        Assert.Equal(agent.InstanceId, Assert.Single(Emulator.Ssm.Nodes()).InstanceId);
    }

    [Fact]
    public async Task DeleteActivation_AlreadyDeleted_IsInvalidActivation()
    {
        var activation = await CreateActivationAsync();
        await Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = activation.ActivationId });

        await ThrowsAwsAsync("InvalidActivation", () => Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = activation.ActivationId }));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("0123456789ABCDEF-not-a-guid")]
    public async Task DeleteActivation_MalformedId_IsInvalidActivationId(string id)
    {
        await ThrowsAwsAsync("InvalidActivationId", () => Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = id }));
    }

    [Fact]
    public async Task ActivationErrors_AreTheSdksModelledExceptions()
    {
        await Assert.ThrowsAsync<InvalidActivationException>(() =>
            Ssm.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = Guid.NewGuid().ToString() }));
        await Assert.ThrowsAsync<InvalidNextTokenException>(() =>
            Ssm.DescribeActivationsAsync(new DescribeActivationsRequest { NextToken = "x" }));
    }
}
