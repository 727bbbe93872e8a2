using System.Collections.ObjectModel;
using Amazon.Runtime;

namespace Cleanup.Aws.Ecs;

/// <summary>
/// The SDK's "defaults modes" (AWS_DEFAULTS_MODE) for our client: every mode uses standard retries; only connect
/// timeouts differ, with the values the generated service clients use.
/// </summary>
internal static class EcsDefaultConfigurations
{
    public static ReadOnlyCollection<IDefaultConfiguration> All { get; } = new(
    [
        Mode(DefaultConfigurationMode.Standard, 3100),
        Mode(DefaultConfigurationMode.InRegion, 1100),
        Mode(DefaultConfigurationMode.CrossRegion, 3100),
        Mode(DefaultConfigurationMode.Mobile, 30000),
        Mode(DefaultConfigurationMode.Auto, 1100),
    ]);

    private static DefaultConfiguration Mode(DefaultConfigurationMode name, int connectTimeoutMilliseconds) => new()
    {
        Name = name,
        RetryMode = RequestRetryMode.Standard,
        S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
        ConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMilliseconds),
        TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectTimeoutMilliseconds),
        TimeToFirstByteTimeout = null,
        HttpRequestTimeout = null,
    };
}
