using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace Cleanup.Aws.Ecs;

/// <summary>
/// Reads a success body with System.Text.Json; hands error bodies to the SDK's own AWS JSON error reader, so the
/// error code (<c>__type</c>) is what the SDK's retry policy sees: throttling and 5xx are retried, client errors are not.
/// </summary>
internal sealed class EcsJsonUnmarshaller<TBody>(JsonTypeInfo<TBody> typeInfo, Func<TBody, AmazonWebServiceResponse> toResponse) : JsonResponseUnmarshaller
{
    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var body = JsonSerializer.Deserialize(input.Stream, typeInfo)
            ?? throw new AmazonUnmarshallingException(string.Empty, string.Empty, "ECS returned an empty body.", null);
        return toResponse(body);
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reader = new StreamingUtf8JsonReader(input.Stream);
        var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(input, ref reader);
        return new AmazonServiceException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}
