using Amazon;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Cleanup.Options;

namespace Cleanup.Aws;

/// <summary>
/// Builds the SSM client from the standard AWS settings: credential chain, the options' region, and the SDK's own
/// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_SSM override (which is how the emulator is reached).
/// </summary>
public static class SsmClientFactory
{
    public static IAmazonSimpleSystemsManagement Create(CleanupOptions options) =>
        new AmazonSimpleSystemsManagementClient(Config(options));

    /// <summary>The deployed client's settings, public so the benches measure exactly them against the emulator.</summary>
    public static AmazonSimpleSystemsManagementConfig Config(CleanupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AmazonSimpleSystemsManagementConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region),
            // Standard mode retries throttling and 5xx with jittered backoff; SSM's rate limit is low and shared.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxAttempts - 1,
            Timeout = TimeSpan.FromSeconds(20),
        };
    }
}
