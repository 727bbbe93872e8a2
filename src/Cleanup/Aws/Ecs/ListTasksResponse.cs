using Amazon.Runtime;

namespace Cleanup.Aws.Ecs;

/// <summary>ListTasks output: one page of task ARNs and the token of the next page, if any.</summary>
internal sealed class ListTasksResponse : AmazonWebServiceResponse
{
    public IReadOnlyList<string> TaskArns { get; init; } = [];

    public string? NextToken { get; init; }
}
