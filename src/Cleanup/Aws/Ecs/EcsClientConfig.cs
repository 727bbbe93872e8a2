using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace Cleanup.Aws.Ecs;

/// <summary>
/// Configuration of the hand-built ECS client, mirroring what the generated AWSSDK.ECS config sets: service id
/// "ECS" (so the SDK's own AWS_ENDPOINT_URL_ECS lookup applies), SigV4 service name "ecs", API version 2014-11-13.
/// </summary>
internal sealed class EcsClientConfig : ClientConfig
{
    public const string EcsServiceId = "ECS";
    public const string SigningName = "ecs";

    private static readonly DefaultConfigurationProvider _defaults = new(EcsDefaultConfigurations.All);

    public EcsClientConfig()
        : base(_defaults)
    {
        ServiceId = EcsServiceId;
        AuthenticationServiceName = SigningName;
    }

    public override string RegionEndpointServiceName => SigningName;

    public override string ServiceVersion => "2014-11-13";

    public override string UserAgent => "cleanup-ecs/1.0";

    /// <summary>An explicit or configured ServiceURL wins; otherwise the regional endpoint of the region's partition.</summary>
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!string.IsNullOrEmpty(ServiceURL))
        {
            return new Endpoint(ServiceURL);
        }

        var region = parameters.AlternateEndpoint ?? RegionEndpoint
            ?? throw new AmazonClientException("No region is configured for ECS (set AWS_REGION or an endpoint URL).");
        return new Endpoint($"https://ecs.{region.SystemName}.{region.PartitionDnsSuffix}");
    }
}
