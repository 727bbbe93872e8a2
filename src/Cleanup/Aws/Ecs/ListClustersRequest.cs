using Amazon.Runtime;

namespace Cleanup.Aws.Ecs;

/// <summary>ListClusters input: one page of the account's cluster ARNs in the region.</summary>
internal sealed class ListClustersRequest : AmazonWebServiceRequest
{
    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}
