using Amazon;
using Amazon.Runtime;
using Cleanup.Inventory;
using Cleanup.Options;

namespace Cleanup.Aws.Ecs;

/// <summary>
/// Builds the ECS adapter from the standard AWS settings, like <see cref="SsmClientFactory"/>: the SDK's credential
/// chain, the options' region, and the SDK's own AWS_ENDPOINT_URL_ECS / AWS_ENDPOINT_URL override (resolved by
/// AWSSDK.Core from the config's service id "ECS", exactly as for a generated client). This and
/// <see cref="ITaskDirectory"/> are all the rest of the code sees: an AWSSDK.ECS-based adapter replaces this folder.
/// </summary>
public static class EcsTaskDirectoryFactory
{
    public static ITaskDirectory Create(CleanupOptions options) => new EcsTaskDirectory(CreateClient(options));

    /// <summary>The adapter against an explicit endpoint (the local emulator) with explicit credentials.</summary>
    public static ITaskDirectory ForEndpoint(CleanupOptions options, AWSCredentials credentials, Uri serviceUrl) =>
        new EcsTaskDirectory(CreateClient(options, credentials, serviceUrl.ToString()));

    /// <summary>The endpoint the adapter would call (AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL or the region's), for the CLI's banner.</summary>
    public static string ResolvedEndpoint(CleanupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The config reads the endpoint override when it is built, as the client's would.
        var config = new EcsClientConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region) };
        return config.ServiceURL ?? $"https://ecs.{options.Region}.{(options.Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com")}/";
    }

    internal static EcsClient CreateClient(CleanupOptions options, AWSCredentials? credentials = null, string? serviceUrl = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new EcsClientConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region),
            // Standard mode retries throttling and 5xx with jittered backoff; client errors are final.
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxAttempts - 1,
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (serviceUrl is not null)
        {
            // Setting ServiceURL clears RegionEndpoint, and the signing region would then come from the environment.
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return credentials is null ? new EcsClient(config) : new EcsClient(credentials, config);
    }
}
