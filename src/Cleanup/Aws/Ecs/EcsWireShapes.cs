namespace Cleanup.Aws.Ecs;

// The JSON bodies ECS returns, reduced to the fields the adapter reads (unknown fields are ignored). Names follow
// the ecs-2014-11-13 model; the serializer's camelCase policy maps them. Timestamps are epoch seconds.

internal sealed record DescribeTasksBody(List<EcsTaskShape>? Tasks, List<EcsFailureShape>? Failures);

internal sealed record ListTasksBody(List<string>? TaskArns, string? NextToken);

internal sealed record ListClustersBody(List<string>? ClusterArns, string? NextToken);

internal sealed record EcsTaskShape(
    string? TaskArn,
    string? ClusterArn,
    string? LastStatus,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    string? StopCode,
    List<EcsAttachmentShape>? Attachments,
    List<EcsContainerShape>? Containers);

internal sealed record EcsAttachmentShape(string? Type, List<EcsKeyValueShape>? Details);

internal sealed record EcsKeyValueShape(string? Name, string? Value);

internal sealed record EcsContainerShape(List<EcsNetworkInterfaceShape>? NetworkInterfaces);

internal sealed record EcsNetworkInterfaceShape(string? PrivateIpv4Address);

internal sealed record EcsFailureShape(string? Arn, string? Reason, string? Detail);
