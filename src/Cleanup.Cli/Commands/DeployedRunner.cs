using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The runner the Lambda builds, from the same environment, so `invoke` and `sweep` show what the deployed function
/// would do. Before any SSM or ECS call it resolves the region, the credentials and the account, and prints the
/// banner; a problem is one line on stderr and an exit code (<see cref="ExitCodes"/>), and no runner.
/// </summary>
/// <remarks>
/// --profile and --region are applied as AWS_PROFILE and AWS_REGION for this process, before any client is built:
/// the SDK's own chains then give every client (SSM, the ECS adapter, STS) the profile's credentials (credentials and
/// config files, AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE honoured, SSO and assume-role included), and the
/// profile's region when neither --region, AWS_REGION nor AWS_DEFAULT_REGION gives one.
/// </remarks>
internal static class DeployedRunner
{
    public static async Task<(CleanupRunner? Runner, int Exit)> CreateAsync(AwsChoice choice, OutputChoice shown, TextWriter error, CancellationToken cancellationToken)
    {
        // Problems always reach stderr; the banner only unless --quiet, the decision log only with --log.
        var banner = shown.Quiet ? TextWriter.Null : error;
        var log = shown.Log ? error : TextWriter.Null;
        if (await AwsEnvironment.ProblemAsync(cancellationToken) is { } environmentProblem)
        {
            await error.WriteLineAsync(environmentProblem);
            return (null, ExitCodes.Invalid);
        }

        if (choice.Profile is { } profile)
        {
            if (!new CredentialProfileStoreChain().TryGetProfile(profile, out _))
            {
                await error.WriteLineAsync($"profile '{profile}' is not in the AWS config or credentials file (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, ~/.aws): check the name or run `aws configure --profile {profile}`");
                return (null, ExitCodes.Credentials);
            }

            Environment.SetEnvironmentVariable("AWS_PROFILE", profile);
            AWSConfigs.AWSProfileName = profile;
        }

        var regionSource = RegionSource(choice);
        if (regionSource is null)
        {
            await error.WriteLineAsync("no AWS region: pass --region NAME, set AWS_REGION, or set region in the profile (~/.aws/config)");
            return (null, ExitCodes.Region);
        }

        CleanupOptions options;
        try
        {
            options = EnvironmentOptions.Load(name => choice.Settings.TryGetValue(name, out var flag) ? flag : Environment.GetEnvironmentVariable(name));
        }
        catch (InvalidOptionsException ex)
        {
            // The same validation as the function's; a value a flag gave is named by its flag.
            await error.WriteLineAsync(ex.Problems.Count == 0
                ? ex.Message
                : "Invalid configuration: " + string.Join("; ", ex.Problems.Select(p => BehaviourOptions.Rename(p, choice.Settings))));
            return (null, ExitCodes.Invalid);
        }

        if (choice.Lease is { } lease)
        {
            if (SweepLeaseName.Problem(lease) is { } leaseProblem)
            {
                await error.WriteLineAsync($"--lease: {leaseProblem}");
                return (null, ExitCodes.Invalid);
            }

            // A run that holds the lease needs an end the lease outlasts; the Lambda's is its timeout.
            options = options with { SweepLease = lease, Timeout = options.Timeout ?? TimeSpan.FromMinutes(15) };
            if (await LeaseParameterCheck.IsMissingAsync(options, lease, cancellationToken))
            {
                await error.WriteLineAsync(LeaseParameterCheck.Refusal(lease));
                return (null, ExitCodes.Invalid);
            }
        }

        try
        {
            var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            await credentials.GetCredentialsAsync().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK's message lists every provider it tried, on many lines: one line says what to do. A provider
            // that ran and failed (credential_process, SSO, assume-role) says what failed instead.
            var (credentialsExit, line) = IsNothingFound(ex)
                ? (ExitCodes.Credentials, "no AWS credentials found: pass --profile NAME, set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws configure` (or `aws sso login`)")
                : AwsFailure.Describe("resolving AWS credentials", ex);
            await error.WriteLineAsync(line);
            return (null, credentialsExit);
        }

        var (account, accountSource, exit, problem) = await CallerAccount.ResolveAsync(options, cancellationToken);
        if (account is null)
        {
            await error.WriteLineAsync(problem);
            return (null, exit);
        }

        // Deletion needs --apply, and CLEANUP_DRY_RUN=true (the configuration) or --dry-run keeps it off even then.
        var dryRun = !choice.Apply || choice.DryRun || options.DryRun;
        options = options with { DryRun = dryRun, AccountId = account };
        string ssmEndpoint, ecsEndpoint;
        CleanupRunner runner;
        try
        {
            ssmEndpoint = SsmEndpoint(options);
            ecsEndpoint = EcsTaskDirectoryFactory.ResolvedEndpoint(options);
            runner = CleanupRunner.FromOptions(options, log);
        }
        catch (Exception ex)
        {
            var (clientExit, line) = AwsFailure.Describe("setting up the SSM and ECS clients", ex);
            await error.WriteLineAsync(line);
            return (null, clientExit);
        }

        await banner.WriteLineAsync($"account:  {account} (from {accountSource})");
        await banner.WriteLineAsync($"region:   {options.Region} (from {regionSource})");
        await banner.WriteLineAsync($"endpoint: ssm {ssmEndpoint}  ecs {ecsEndpoint}");
        await banner.WriteLineAsync(dryRun switch
        {
            false => "mode:     APPLY: deletions enabled",
            true when choice.Apply && !choice.DryRun => $"mode:     dry run: nothing is deleted ({EnvironmentOptions.DryRunVariable}=true overrides --apply)",
            true when choice.Apply => "mode:     dry run: nothing is deleted (--dry-run overrides --apply)",
            true => "mode:     dry run: nothing is deleted (pass --apply to delete)",
        });
        if (options.SweepLease is { } held)
        {
            await banner.WriteLineAsync($"lease:    {held}: one sweep at a time; a taken lease lasts {options.SweepLeaseDuration.TotalMinutes:0} min at most");
        }

        await error.FlushAsync(cancellationToken);
        return (runner, ExitCodes.Ok);
    }

    /// <summary>The chain found no credentials at all, as opposed to a provider that ran and failed.</summary>
    private static bool IsNothingFound(Exception ex)
    {
        for (var cause = ex; cause is not null; cause = cause.InnerException)
        {
            if (cause is not AmazonClientException || cause is AmazonServiceException or ProcessAWSCredentialException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where the region comes from, after putting --region or the profile's region into AWS_REGION; null if nowhere.</summary>
    private static string? RegionSource(AwsChoice choice)
    {
        if (choice.Region is { } region)
        {
            Environment.SetEnvironmentVariable("AWS_REGION", region);
            return "--region";
        }

        foreach (var variable in (string[])["AWS_REGION", "AWS_DEFAULT_REGION"])
        {
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
            {
                return variable;
            }
        }

        // The SDK's region chain: the profile's region in the config file (then instance metadata, when enabled).
        var fromChain = FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        if (string.IsNullOrEmpty(fromChain))
        {
            return null;
        }

        Environment.SetEnvironmentVariable("AWS_REGION", fromChain);
        return $"profile '{AWSConfigs.AWSProfileName ?? Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default"}'";
    }

    private static string SsmEndpoint(CleanupOptions options)
    {
        using var client = new AmazonSimpleSystemsManagementClient(new AnonymousAWSCredentials(), SsmClientFactory.Config(options));
        return client.DetermineServiceOperationEndpoint(new DescribeInstanceInformationRequest()).URL;
    }
}
