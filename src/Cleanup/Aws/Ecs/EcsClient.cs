using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Cleanup.Aws.Ecs;

/// <summary>
/// A minimal ECS client on AWSSDK.Core's own pipeline: the same credential and region chains, endpoint override
/// (AWS_ENDPOINT_URL_ECS), SigV4 signing, standard retries and clock-skew correction as a generated client.
/// Only the operations Cleanup needs.
/// </summary>
internal sealed class EcsClient : AmazonServiceClient
{
    private static readonly EcsJsonMarshaller<DescribeTasksRequest> _describeTasksMarshaller =
        new("DescribeTasks", EcsJsonContext.Default.DescribeTasksRequest);

    private static readonly EcsJsonUnmarshaller<DescribeTasksBody> _describeTasksUnmarshaller =
        new(EcsJsonContext.Default.DescribeTasksBody, body => new DescribeTasksResponse { Tasks = body.Tasks ?? [], Failures = body.Failures ?? [] });

    private static readonly EcsJsonMarshaller<ListTasksRequest> _listTasksMarshaller =
        new("ListTasks", EcsJsonContext.Default.ListTasksRequest);

    private static readonly EcsJsonUnmarshaller<ListTasksBody> _listTasksUnmarshaller =
        new(EcsJsonContext.Default.ListTasksBody, body => new ListTasksResponse { TaskArns = body.TaskArns ?? [], NextToken = body.NextToken });

    private static readonly EcsJsonMarshaller<ListClustersRequest> _listClustersMarshaller =
        new("ListClusters", EcsJsonContext.Default.ListClustersRequest);

    private static readonly EcsJsonUnmarshaller<ListClustersBody> _listClustersUnmarshaller =
        new(EcsJsonContext.Default.ListClustersBody, body => new ListClustersResponse { ClusterArns = body.ClusterArns ?? [], NextToken = body.NextToken });

    /// <summary>Credentials from the SDK's default chain (environment, profile, container, instance).</summary>
    public EcsClient(EcsClientConfig config)
        : base(config)
    {
    }

    public EcsClient(AWSCredentials credentials, EcsClientConfig config)
        : base(credentials, config)
    {
    }

    protected override IServiceMetadata ServiceMetadata { get; } = new EcsServiceMetadata();

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken) =>
        InvokeAsync<DescribeTasksResponse>(
            request,
            new InvokeOptions { RequestMarshaller = _describeTasksMarshaller, ResponseUnmarshaller = _describeTasksUnmarshaller },
            cancellationToken);

    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken) =>
        InvokeAsync<ListTasksResponse>(
            request,
            new InvokeOptions { RequestMarshaller = _listTasksMarshaller, ResponseUnmarshaller = _listTasksUnmarshaller },
            cancellationToken);

    public Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken) =>
        InvokeAsync<ListClustersResponse>(
            request,
            new InvokeOptions { RequestMarshaller = _listClustersMarshaller, ResponseUnmarshaller = _listClustersUnmarshaller },
            cancellationToken);

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        // After marshalling (the request exists) and before signing: picks SigV4, as generated clients do.
        pipeline.AddHandlerAfter<Marshaller>(new EcsAuthSchemeHandler());
    }
}
