namespace Cleanup.Domain;

/// <summary>
/// The AWS API limits the batching is built on, each named after the limit it is (the botocore models and the
/// services' documentation are the contract): several are 100, but they are different limits of different APIs.
/// </summary>
public static class Limits
{
    /// <summary>ECS DescribeTasks: "a list of up to 100 task IDs or full ARN entries".</summary>
    public const int DescribeTasksMaxTasks = 100;

    /// <summary>ECS ListTasks: maxResults between 1 and 100.</summary>
    public const int ListTasksMaxResults = 100;

    /// <summary>ECS ListClusters: maxResults between 1 and 100.</summary>
    public const int ListClustersMaxResults = 100;

    /// <summary>SSM DescribeInstanceInformation: at most 100 values per filter (InstanceInformationFilterValueSet).</summary>
    public const int SsmFilterMaxValues = 100;

    /// <summary>SSM DescribeInstanceInformation: MaxResults between 5 and 50 (MaxResultsEC2Compatible).</summary>
    public const int DescribeInstanceInformationMaxResults = 50;

    /// <summary>SSM DescribeActivations: MaxResults between 1 and 50.</summary>
    public const int DescribeActivationsMaxResults = 50;
}
