using Amazon.Runtime;

namespace Cleanup.Aws.Ecs;

/// <summary>ListClusters output: one page of cluster ARNs and the token of the next page, if any.</summary>
internal sealed class ListClustersResponse : AmazonWebServiceResponse
{
    public IReadOnlyList<string> ClusterArns { get; init; } = [];

    public string? NextToken { get; init; }
}
