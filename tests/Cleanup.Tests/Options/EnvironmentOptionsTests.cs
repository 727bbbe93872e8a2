using Cleanup.Options;

namespace Cleanup.Tests.Options;


public class EnvironmentOptionsTests
{
    private static CleanupOptions Load(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        map.TryAdd("AWS_REGION", "us-east-1");
        return EnvironmentOptions.Load(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Load_NothingSet_UsesSafeDefaults()
    {
        var options = Load();

        Assert.False(options.DryRun);
        Assert.Equal("ssm-cleanup", options.Tags.Prefix);
        Assert.Equal("ssm-cleanup:task-arn", options.Tags.TaskArnKey);
        Assert.Equal("ssm-cleanup:cluster-arn", options.Tags.ClusterArnKey);
        Assert.Empty(options.AllowedClusters);
        Assert.Null(options.AccountId);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal("us-east-1", options.Region);
    }

    [Theory]
    [InlineData("", AcceptedTriggers.Any)]
    [InlineData("any", AcceptedTriggers.Any)]
    [InlineData("events", AcceptedTriggers.Events)]
    [InlineData("sweep", AcceptedTriggers.Sweep)]
    public void Load_Trigger_IsRead(string value, AcceptedTriggers expected)
    {
        Assert.Equal(expected, Load(("CLEANUP_TRIGGER", value)).AcceptedTriggers);
    }

    [Theory]
    [InlineData("", DecisionLogging.Changes)]
    [InlineData("changes", DecisionLogging.Changes)]
    [InlineData("all", DecisionLogging.All)]
    [InlineData(" ALL ", DecisionLogging.All)]
    public void Load_LogDecisions_IsReadAndDefaultsToChanges(string value, DecisionLogging expected)
    {
        Assert.Equal(expected, Load(("CLEANUP_LOG_DECISIONS", value)).LogDecisions);
        Assert.Equal(DecisionLogging.Changes, Load().LogDecisions);
    }

    [Theory]
    [InlineData("", MetricDetail.Default)]
    [InlineData("default", MetricDetail.Default)]
    [InlineData("detailed", MetricDetail.Detailed)]
    public void Load_Metrics_IsReadAndDefaultsToTheFreeTierSet(string value, MetricDetail expected)
    {
        Assert.Equal(expected, Load(("CLEANUP_METRICS", value)).Metrics);
        Assert.Equal(MetricDetail.Default, Load().Metrics);
    }

    [Theory]
    [InlineData("CLEANUP_LOG_DECISIONS", "everything", "changes or all")]
    [InlineData("CLEANUP_METRICS", "full", "default or detailed")]
    public void Load_UnknownLoggingOrMetricsChoice_FailsNamingTheVariableAndTheChoices(string variable, string value, string choices)
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load((variable, value)));

        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(choices, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTrigger_FailsNamingTheVariable()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("CLEANUP_TRIGGER", "both\nplease")));

        Assert.Contains("CLEANUP_TRIGGER", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InLambdaWithoutAccount_FailsBecauseEveryAccountWouldBeAccepted()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("AWS_LAMBDA_FUNCTION_NAME", "cleanup-CleanupFunction-abc")));

        Assert.Contains("CLEANUP_ACCOUNT_ID is required in Lambda", ex.Message, StringComparison.Ordinal);
        Assert.Equal("123456789012", Load(("AWS_LAMBDA_FUNCTION_NAME", "f"), ("CLEANUP_ACCOUNT_ID", "123456789012")).AccountId);
    }

    [Fact]
    public void Load_EverySetting_IsRead()
    {
        var options = Load(
            ("CLEANUP_DRY_RUN", "TRUE"),
            ("CLEANUP_TAG_PREFIX", "acme/shells"),
            ("CLEANUP_CLUSTERS", " shells , arn:aws:ecs:us-east-1:123456789012:cluster/batch-jobs "),
            ("CLEANUP_ACCOUNT_ID", "123456789012"),
            ("CLEANUP_MAX_ATTEMPTS", "3"));

        Assert.True(options.DryRun);
        Assert.Equal("acme/shells:task-arn", options.Tags.TaskArnKey);
        Assert.Equal(["batch-jobs", "shells"], options.AllowedClusters.Order(StringComparer.Ordinal));
        Assert.Equal("123456789012", options.AccountId);
        Assert.Equal(3, options.MaxAttempts);
    }

    [Fact]
    public void Load_SweepSettings_DefaultAndRead()
    {
        var defaults = Load().Sweep;
        var options = Load(
            ("CLEANUP_REGISTRATION_GRACE_MINUTES", "5"),
            ("CLEANUP_OFFLINE_GRACE_MINUTES", "30"),
            ("CLEANUP_UNUSED_ACTIVATION_GRACE_MINUTES", "90"),
            ("CLEANUP_MAX_DELETIONS_PER_RUN", "7"),
            ("CLEANUP_MAX_DELETION_PERCENT", "10"),
            ("CLEANUP_BRAKE_MIN_FLEET", "3"),
            ("CLEANUP_NODE_HOUR_PRICE", "0.01"),
            ("CLEANUP_LEGACY_MODE", "report"),
            ("CLEANUP_LEGACY_NAME", "fargate-shell"),
            ("CLEANUP_CLUSTERS", "shells"),
            ("CLEANUP_TIMEOUT_SECONDS", "120"));

        Assert.Equal(TimeSpan.FromMinutes(10), defaults.RegistrationGrace);
        Assert.Equal(TimeSpan.FromMinutes(60), defaults.OfflineGrace);
        Assert.Equal(100, defaults.MaxDeletionsPerRun);
        Assert.Equal(25, defaults.MaxDeletionPercent);
        Assert.Equal(LegacyMode.Off, defaults.LegacyMode);
        Assert.Null(Load().Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Sweep.RegistrationGrace);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Sweep.OfflineGrace);
        Assert.Equal(TimeSpan.FromMinutes(90), options.Sweep.UnusedActivationGrace);
        Assert.Equal(7, options.Sweep.MaxDeletionsPerRun);
        Assert.Equal(10, options.Sweep.MaxDeletionPercent);
        Assert.Equal(3, options.Sweep.BrakeMinFleet);
        Assert.Equal(0.01m, options.Sweep.NodeHourPrice);
        Assert.Equal(LegacyMode.Report, options.Sweep.LegacyMode);
        Assert.Equal("fargate-shell", options.Sweep.LegacyName);
        Assert.Equal(TimeSpan.FromSeconds(96), options.TimeBudget);
    }

    [Theory]
    [InlineData("CLEANUP_CLUSTERS", "shells")]
    [InlineData("CLEANUP_LEGACY_NAME", "fargate-shell")]
    public void Load_LegacyModeWithoutNameOrClusters_Fails(string name, string value)
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("CLEANUP_LEGACY_MODE", "act"), (name, value)));

        Assert.Contains("CLEANUP_LEGACY", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLEANUP_DRY_RUN", "yes")]
    [InlineData("CLEANUP_REGISTRATION_GRACE_MINUTES", "0")]
    [InlineData("CLEANUP_OFFLINE_GRACE_MINUTES", "-5")]
    [InlineData("CLEANUP_MAX_DELETION_PERCENT", "101")]
    [InlineData("CLEANUP_NODE_HOUR_PRICE", "cheap")]
    [InlineData("CLEANUP_LEGACY_MODE", "delete")]
    [InlineData("CLEANUP_TIMEOUT_SECONDS", "0")]
    [InlineData("CLEANUP_DRY_RUN", "1")]
    [InlineData("CLEANUP_TAG_PREFIX", "aws:ssm")]
    [InlineData("CLEANUP_TAG_PREFIX", "bad*prefix")]
    [InlineData("CLEANUP_CLUSTERS", "shells,not a cluster")]
    [InlineData("CLEANUP_CLUSTERS", "arn:aws:ecs:us-east-1:123456789012:service/shells")]
    [InlineData("CLEANUP_ACCOUNT_ID", "12345")]
    [InlineData("CLEANUP_MAX_ATTEMPTS", "0")]
    [InlineData("CLEANUP_MAX_ATTEMPTS", "11")]
    [InlineData("CLEANUP_MAX_ATTEMPTS", "three")]
    [InlineData("AWS_REGION", "Mars")]
    public void Load_InvalidValue_FailsNamingTheVariable(string name, string value)
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load((name, value)));

        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountId_WithATrailingNewline_IsNoAccountId()
    {
        // '$' would match before the final newline; the reader trims values, so only the check itself can show it.
        var problems = new List<string>();

        Assert.False(SettingParsers.AccountId(Settings.AccountId, "123456789012\n", problems, out _));
        Assert.Contains("CLEANUP_ACCOUNT_ID must be a 12-digit AWS account id", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456789012\nx")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public void Load_AccountIdThatIsNotExactlyTwelveDigits_Fails(string value)
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("CLEANUP_ACCOUNT_ID", value)));

        Assert.Contains("CLEANUP_ACCOUNT_ID must be a 12-digit AWS account id", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AccountIdWithSurroundingWhitespace_IsTrimmed() =>
        Assert.Equal("123456789012", Load(("CLEANUP_ACCOUNT_ID", " 123456789012\n")).AccountId);

    [Fact]
    public void Load_TooLongPrefix_FailsBecauseDerivedTagKeysWouldExceedSsmLimit()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("CLEANUP_TAG_PREFIX", new string('p', 101))));

        Assert.Contains("CLEANUP_TAG_PREFIX", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_AreReportedTogether()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("CLEANUP_DRY_RUN", "maybe"), ("CLEANUP_MAX_ATTEMPTS", "-1")));

        Assert.Equal(2, ex.Problems.Count);
    }

    [Fact]
    public void Load_NoRegion_Fails()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => EnvironmentOptions.Load(_ => null));

        Assert.Contains("AWS_REGION", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SweepLeaseWithATimeout_LastsTheTimeoutPlusAMinute()
    {
        var options = Load(("CLEANUP_SWEEP_LEASE", "/cleanup/prod/sweep-lease"), ("CLEANUP_TIMEOUT_SECONDS", "300"));

        Assert.Equal("/cleanup/prod/sweep-lease", options.SweepLease);
        Assert.Equal(TimeSpan.FromMinutes(6), options.SweepLeaseDuration);
        Assert.Null(Load().SweepLease);
    }

    [Fact]
    public void Load_SweepLeaseWithoutATimeout_IsRefused()
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("CLEANUP_SWEEP_LEASE", "/cleanup/prod/sweep-lease")));

        Assert.Contains("CLEANUP_SWEEP_LEASE needs CLEANUP_TIMEOUT_SECONDS", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/aws/lease", "reserves")]
    [InlineData("ssm-lease", "reserves")]
    [InlineData("/SSM/lease", "reserves")]
    [InlineData("cleanup/lease", "not an SSM parameter name")]
    [InlineData("/cleanup//lease", "not an SSM parameter name")]
    [InlineData("/cleanup/lease/", "not an SSM parameter name")]
    [InlineData("/cleanup/sweep lease", "not an SSM parameter name")]
    [InlineData("/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p", "not an SSM parameter name")]
    public void Load_SweepLeaseThatIsNoParameterName_IsRefused(string name, string why)
    {
        var ex = Assert.Throws<InvalidOptionsException>(() => Load(("CLEANUP_SWEEP_LEASE", name), ("CLEANUP_TIMEOUT_SECONDS", "300")));

        Assert.Contains($"CLEANUP_SWEEP_LEASE: '{name}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sweep-lease")]
    [InlineData("/cleanup/cleanup-prod/sweep-lease")]
    [InlineData("/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o")]
    [InlineData("/Team_1/cleanup.v2/lease")]
    public void Load_SweepLeaseNames_SsmAccepts(string name) =>
        Assert.Equal(name, Load(("CLEANUP_SWEEP_LEASE", name), ("CLEANUP_TIMEOUT_SECONDS", "300")).SweepLease);
}
