using Amazon.Runtime;

namespace Cleanup.Aws.Ecs;

/// <summary>DescribeTasks output: the tasks found and the per-ARN failures.</summary>
internal sealed class DescribeTasksResponse : AmazonWebServiceResponse
{
    public IReadOnlyList<EcsTaskShape> Tasks { get; init; } = [];

    public IReadOnlyList<EcsFailureShape> Failures { get; init; } = [];
}
