using System.Text.RegularExpressions;
using Amazon;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The account the CLI acts in, from the caller identity (sts:GetCallerIdentity) unless CLEANUP_ACCOUNT_ID gives it.
/// Without an account, events and tags of any account would be accepted, so the CLI refuses to act without one.
/// </summary>
internal static partial class CallerAccount
{
    public const string Call = "sts:GetCallerIdentity";

    /// <summary>The account and where it came from, or the exit code and the one line to print.</summary>
    public static async Task<(string? Account, string Source, int Exit, string? Error)> ResolveAsync(CleanupOptions options, CancellationToken cancellationToken)
    {
        if (options.AccountId is { } given)
        {
            // The options refuse a malformed CLEANUP_ACCOUNT_ID already; an account that judges ownership is checked
            // where it is used all the same.
            return AccountPattern().IsMatch(given)
                ? (given, EnvironmentOptions.AccountIdVariable, ExitCodes.Ok, null)
                : (null, string.Empty, ExitCodes.Invalid, $"{EnvironmentOptions.AccountIdVariable} must be a 12-digit AWS account id, got '{AwsFailure.Detail(given)}'");
        }

        string? account;
        try
        {
            using var sts = new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig
            {
                RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region),
                MaxErrorRetry = options.MaxAttempts - 1,
                Timeout = TimeSpan.FromSeconds(10),
            });
            account = (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var (exit, line) = AwsFailure.Describe(Call, ex);
            return (null, string.Empty, exit, $"cannot tell which AWS account this is: {line}, or set {EnvironmentOptions.AccountIdVariable}");
        }

        // Every node's and event's account is compared with this one: an empty or odd answer would judge the whole
        // fleet foreign (or match nothing it should), so it stops the run before anything is read.
        if (account is null || !AccountPattern().IsMatch(account))
        {
            var got = account is null ? "no account" : $"'{AwsFailure.Detail(account)}'";
            return (null, string.Empty, ExitCodes.Failed,
                $"cannot tell which AWS account this is: {Call} failed: the answer has {got}, not a 12-digit account id; check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and any proxy, or set {EnvironmentOptions.AccountIdVariable}");
        }

        return (account, $"caller identity, {Call}", ExitCodes.Ok, null);
    }

    [GeneratedRegex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
