using Amazon.Runtime;

namespace Cleanup.Aws.Ecs;

/// <summary>DescribeTasks input. The SDK derives the operation name from the class name, so it must be &lt;Op&gt;Request.</summary>
internal sealed class DescribeTasksRequest : AmazonWebServiceRequest
{
    public required string Cluster { get; init; }

    public required IReadOnlyList<string> Tasks { get; init; }
}
