using Amazon.Runtime.Internal;

namespace Cleanup.Aws.Ecs;

/// <summary>Identifies the service to the SDK's pipeline (logging, metrics, user agent).</summary>
internal sealed class EcsServiceMetadata : IServiceMetadata
{
    public string ServiceId => EcsClientConfig.EcsServiceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
