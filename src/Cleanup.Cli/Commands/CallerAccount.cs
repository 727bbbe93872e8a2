using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The account the CLI acts in, from the caller identity (sts:GetCallerIdentity) unless CLEANUP_ACCOUNT_ID gives it.
/// Without an account, events and tags of any account would be accepted, so the CLI refuses to act without one.
/// </summary>
internal static class CallerAccount
{
    /// <summary>The account and where it came from, or the exit code and the one line to print.</summary>
    public static async Task<(string? Account, string Source, int Exit, string? Error)> ResolveAsync(CleanupOptions options, CancellationToken cancellationToken)
    {
        if (options.AccountId is { } given)
        {
            return (given, EnvironmentOptions.AccountIdVariable, ExitCodes.Ok, null);
        }

        try
        {
            using var sts = new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig
            {
                RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region),
                MaxErrorRetry = options.MaxAttempts - 1,
                Timeout = TimeSpan.FromSeconds(10),
            });
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            return (identity.Account, "caller identity, sts:GetCallerIdentity", ExitCodes.Ok, null);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            var why = ex is AmazonServiceException service ? $"{service.ErrorCode}: {service.Message}" : ex.Message;
            var exit = ExitCodes.OfException(ex);
            var fix = exit switch
            {
                ExitCodes.Credentials => "fix the credentials (--profile, AWS_PROFILE, AWS_ACCESS_KEY_ID…)",
                ExitCodes.Network => "check the network, --region and AWS_ENDPOINT_URL",
                ExitCodes.PermissionDenied => "allow sts:GetCallerIdentity",
                _ => "fix the credentials",
            };
            return (null, string.Empty, exit == ExitCodes.Failed ? ExitCodes.Invalid : exit,
                $"cannot tell which AWS account this is (sts:GetCallerIdentity failed: {OneLine(why)}); {fix}, or set {EnvironmentOptions.AccountIdVariable}");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
