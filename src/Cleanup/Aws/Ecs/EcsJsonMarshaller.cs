using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace Cleanup.Aws.Ecs;

/// <summary>Turns a request into an AWS JSON 1.1 call: POST /, the target header, a System.Text.Json body.</summary>
internal sealed class EcsJsonMarshaller<TRequest>(string operation, JsonTypeInfo<TRequest> typeInfo) : IMarshaller<IRequest, AmazonWebServiceRequest>
    where TRequest : AmazonWebServiceRequest
{
    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var request = new DefaultRequest(input, EcsClientConfig.EcsServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = JsonSerializer.SerializeToUtf8Bytes((TRequest)input, typeInfo),
        };
        request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        request.Headers["X-Amz-Target"] = TargetPrefix + operation;
        return request;
    }
}
