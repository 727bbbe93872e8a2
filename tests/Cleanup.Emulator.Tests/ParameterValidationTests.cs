using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>Every refused put leaves the store as it was.</summary>
public sealed class ParameterValidationTests : ParameterStoreTest
{
    [Theory]
    [InlineData("awsLease")]
    [InlineData("SSM-lease")]
    [InlineData("/AwS-lease")]
    [InlineData("/ssm/cleanup/lease")]
    public async Task PutParameter_ReservedPrefix_IsValidationException(string name)
    {
        await ThrowsAwsAsync("ValidationException", () => PutAsync(name, "v"));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_PathUnderAws_IsAccessDenied()
    {
        // AWS publishes its public parameters under /aws/ and answers writes there as an access denial.
        await ThrowsAwsAsync("AccessDeniedException", () => PutAsync("/aws/cleanup/lease", "v"));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Theory]
    [InlineData("cleanup/stack/lease")]
    [InlineData("/cleanup//lease")]
    [InlineData("/cleanup/lease/")]
    [InlineData("/cleanup/sweep lease")]
    [InlineData("/cleanup/lease:1")]
    [InlineData("/cleanup/lease#1")]
    [InlineData("/")]
    public async Task PutParameter_MalformedName_IsValidationException(string name)
    {
        await ThrowsAwsAsync("ValidationException", () => PutAsync(name, "v"));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_SpacesAroundTheName_AreRemoved()
    {
        await PutAsync("  " + Lease + " ", "v");

        Assert.Equal(Lease, Assert.Single(Emulator.Ssm.Parameters()).Name);
    }

    [Fact]
    public async Task PutParameter_FifteenLevels_IsAcceptedAndSixteenIsHierarchyLevelLimitExceeded()
    {
        var fifteen = string.Concat(Enumerable.Range(1, 15).Select(i => $"/l{i}"));

        await PutAsync(fifteen, "v");
        await Assert.ThrowsAsync<HierarchyLevelLimitExceededException>(() => PutAsync(fifteen + "/l16", "v"));

        Assert.Equal(fifteen, Assert.Single(Emulator.Ssm.Parameters()).Name);
    }

    [Fact]
    public async Task PutParameter_NameLongerThanItsArnAllows_IsValidationException()
    {
        // 1011 characters counted with "arn:aws:ssm:us-east-1:123456789012:parameter/" (45 of them).
        var longest = "/" + new string('n', 1011 - 45);

        await PutAsync(longest, "v");
        await ThrowsAwsAsync("ValidationException", () => PutAsync(longest + "n", "v"));

        Assert.Single(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_ValueOverStandardLimit_IsValidationExceptionAndTheOldValueStays()
    {
        await PutAsync(Lease, new string('v', 4096));

        await ThrowsAwsAsync("ValidationException", () => PutAsync(Lease, new string('v', 4097), overwrite: true));

        var stored = Assert.Single(Emulator.Ssm.Parameters());
        Assert.Equal((1L, 4096), (stored.Version, stored.Value.Length));
    }

    [Fact]
    public async Task PutParameter_EmptyValue_IsValidationException()
    {
        await ThrowsAwsAsync("ValidationException", () => PutAsync(Lease, string.Empty));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_ValueNestingAParameter_IsValidationException()
    {
        await ThrowsAwsAsync("ValidationException", () => PutAsync(Lease, "{{ssm:/other}}"));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_AdvancedTier_HoldsEightKilobytesAndCannotGoBackToStandard()
    {
        var put = await Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = new string('v', 8192),
            Type = ParameterType.String,
            Tier = ParameterTier.Advanced,
        });

        await ThrowsAwsAsync("ValidationException", () => Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = "short",
            Overwrite = true,
            Tier = ParameterTier.Standard,
        }));

        Assert.Equal(ParameterTier.Advanced, put.Tier);
        var stored = Assert.Single(Emulator.Ssm.Parameters());
        Assert.Equal((1L, "Advanced"), (stored.Version, stored.Tier));
    }

    [Theory]
    [InlineData(4096, "Standard")]
    [InlineData(4097, "Advanced")]
    public async Task PutParameter_IntelligentTiering_ChoosesByValueSize(int length, string tier)
    {
        var put = await Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = new string('v', length),
            Type = ParameterType.String,
            Tier = ParameterTier.IntelligentTiering,
        });

        Assert.Equal(tier, put.Tier.Value);
    }

    [Fact]
    public async Task PutParameter_AllowedPattern_RefusesAValueThatDoesNotMatch()
    {
        await Ssm.PutParameterAsync(new PutParameterRequest { Name = Lease, Value = "42", Type = ParameterType.String, AllowedPattern = @"^\d+$" });

        // The pattern stays with the parameter when an overwrite does not repeat it.
        await Assert.ThrowsAsync<ParameterPatternMismatchException>(() => PutAsync(Lease, "forty-two", overwrite: true));

        Assert.Equal("42", Assert.Single(Emulator.Ssm.Parameters()).Value);
    }

    [Fact]
    public async Task PutParameter_AllowedPatternThatIsNoRegex_IsInvalidAllowedPattern()
    {
        await Assert.ThrowsAsync<InvalidAllowedPatternException>(() => Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = "42",
            Type = ParameterType.String,
            AllowedPattern = "[0-9",
        }));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_KeyIdForAString_IsValidationException()
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = "v",
            Type = ParameterType.String,
            KeyId = "alias/cleanup",
        }));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Theory]
    [InlineData("aws:ec2:image")]
    [InlineData("Text")]
    public async Task PutParameter_DataTypeOtherThanText_IsValidationException(string dataType)
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = "ami-12345678",
            Type = ParameterType.String,
            DataType = dataType,
        }));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task PutParameter_Policies_AreRefusedRatherThanIgnored()
    {
        await ThrowsAwsAsync("ValidationException", () => Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = Lease,
            Value = "v",
            Type = ParameterType.String,
            Tier = ParameterTier.Advanced,
            Policies = """[{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2027-01-01T00:00:00.000Z"}}]""",
        }));

        Assert.Empty(Emulator.Ssm.Parameters());
    }

    [Fact]
    public async Task GetParameter_MalformedName_IsValidationExceptionNotParameterNotFound()
    {
        await ThrowsAwsAsync("ValidationException", () => GetAsync("cleanup/stack/lease"));
        await ThrowsAwsAsync("ValidationException", () => GetAsync(Lease + ":"));
    }
}
