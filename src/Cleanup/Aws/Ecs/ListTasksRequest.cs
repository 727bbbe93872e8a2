using Amazon.Runtime;

namespace Cleanup.Aws.Ecs;

/// <summary>ListTasks input: one page of a cluster's task ARNs with the given desired status.</summary>
internal sealed class ListTasksRequest : AmazonWebServiceRequest
{
    public required string Cluster { get; init; }

    public string? DesiredStatus { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}
