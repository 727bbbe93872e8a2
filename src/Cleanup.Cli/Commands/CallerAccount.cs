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
    public static async Task<(string? Account, string? Error)> ResolveAsync(CleanupOptions options, CancellationToken cancellationToken)
    {
        if (options.AccountId is { } given)
        {
            return (given, null);
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
            return (identity.Account, null);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            var why = ex is AmazonServiceException service ? $"{service.ErrorCode}: {service.Message}" : ex.Message;
            return (null, $"cannot tell which AWS account this is (sts:GetCallerIdentity failed: {why}); set {EnvironmentOptions.AccountIdVariable} or fix the credentials");
        }
    }
}
