using Cleanup.Domain;

namespace Cleanup.Tests.Domain;

/// <summary>
/// The one ownership rule every stage uses (the event parser, the inventory's claims, the planner): each row is read
/// through both entries, the parsed ARNs and the raw task ARN read in place, and both must give the same answer.
/// </summary>
public class OwnershipTests
{
    private const string Account = "123456789012";
    private const string Other = "210987654321";
    private const string Id = "5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";

    public static TheoryData<string, string?, string, string, string, OwnershipDoubt> Rows() => new()
    {
        // scope region, scope account ("" = unknown), allow-list ("" = every cluster), task ARN, cluster ARN, answer
        { "us-east-1", Account, "", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.None },
        { "us-east-1", Account, "", Task("aws", "us-east-1", Account, Id), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.None },
        { "us-east-1", Account, "shells,web", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.None },
        { "cn-north-1", Account, "", Task("aws-cn", "cn-north-1", Account, "shells/" + Id), Cluster("aws-cn", "cn-north-1", Account, "shells"), OwnershipDoubt.None },
        { "us-gov-west-1", Account, "", Task("aws-us-gov", "us-gov-west-1", Account, "shells/" + Id), Cluster("aws-us-gov", "us-gov-west-1", Account, "shells"), OwnershipDoubt.None },

        // Not ARNs at all.
        { "us-east-1", Account, "", "shells/" + Id, Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.NotArns },
        { "us-east-1", Account, "", Task("aws", "us-east-1", Account, "shells/" + Id), "shells", OwnershipDoubt.NotArns },
        { "us-east-1", Account, "", Cluster("aws", "us-east-1", Account, "shells"), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.NotArns },

        // Region.
        { "us-east-1", Account, "", Task("aws", "us-west-2", Account, "shells/" + Id), Cluster("aws", "us-west-2", Account, "shells"), OwnershipDoubt.OtherRegion },
        { "us-east-1", Account, "", Task("aws", "us-west-2", Account, "shells/" + Id), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.OtherRegion },
        { "us-east-1", Account, "", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws", "us-west-2", Account, "shells"), OwnershipDoubt.OtherRegion },
        { "us-east-1", Account, "", Task("aws", "us-west-2", Other, "other/" + Id), Cluster("aws", "us-west-2", Other, "shells"), OwnershipDoubt.OtherRegion },

        // Account.
        { "us-east-1", Account, "", Task("aws", "us-east-1", Other, "shells/" + Id), Cluster("aws", "us-east-1", Other, "shells"), OwnershipDoubt.OtherAccount },
        { "us-east-1", Account, "", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws", "us-east-1", Other, "shells"), OwnershipDoubt.OtherAccount },
        { "us-east-1", "", "", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws", "us-east-1", Other, "shells"), OwnershipDoubt.OtherAccount },
        { "us-east-1", "", "", Task("aws", "us-east-1", Other, "shells/" + Id), Cluster("aws", "us-east-1", Other, "shells"), OwnershipDoubt.None },

        // Partition: the region's, for both ARNs.
        { "us-east-1", Account, "", Task("aws-cn", "us-east-1", Account, "shells/" + Id), Cluster("aws-cn", "us-east-1", Account, "shells"), OwnershipDoubt.OtherPartition },
        { "us-east-1", Account, "", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws-cn", "us-east-1", Account, "shells"), OwnershipDoubt.OtherPartition },
        { "cn-north-1", Account, "", Task("aws", "cn-north-1", Account, "shells/" + Id), Cluster("aws", "cn-north-1", Account, "shells"), OwnershipDoubt.OtherPartition },
        { "us-gov-west-1", Account, "", Task("aws", "us-gov-west-1", Account, "shells/" + Id), Cluster("aws-us-gov", "us-gov-west-1", Account, "shells"), OwnershipDoubt.OtherPartition },

        // The task's own cluster, then the allow-list.
        { "us-east-1", Account, "", Task("aws", "us-east-1", Account, "web/" + Id), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.ClusterMismatch },
        { "us-east-1", Account, "web", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws", "us-east-1", Account, "web"), OwnershipDoubt.ClusterMismatch },
        { "us-east-1", Account, "web", Task("aws", "us-east-1", Account, "shells/" + Id), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.ClusterNotAllowed },
        { "us-east-1", Account, "web", Task("aws", "us-east-1", Account, Id), Cluster("aws", "us-east-1", Account, "shells"), OwnershipDoubt.ClusterNotAllowed },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Read_EachDoubt_IsTheFirstCheckThatFails_InBothEntries(string region, string? account, string allowed, string taskArn, string clusterArn, OwnershipDoubt expected)
    {
        var scope = new OwnershipScope(region, account is "" ? null : account, allowed.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
        var cluster = ClusterArn.TryParse(clusterArn);

        var parsed = Ownership.Read(TaskArn.TryParse(taskArn), cluster, scope);
        var inPlace = Ownership.Read(taskArn, cluster, scope, out var id);

        Assert.Equal(expected, parsed);
        Assert.Equal(expected, inPlace);
        if (expected == OwnershipDoubt.None)
        {
            Assert.Equal(Id, taskArn[id]);
        }
    }

    [Fact]
    public void Read_MissingTaskOrCluster_IsNotArns()
    {
        var scope = new OwnershipScope("us-east-1", Account, new HashSet<string>());
        var cluster = ClusterArn.TryParse(Cluster("aws", "us-east-1", Account, "shells"));
        var task = Task("aws", "us-east-1", Account, "shells/" + Id);

        Assert.Equal(OwnershipDoubt.NotArns, Ownership.Read(null, cluster, scope, out _));
        Assert.Equal(OwnershipDoubt.NotArns, Ownership.Read(task, null, scope, out _));
        Assert.Equal(OwnershipDoubt.NotArns, Ownership.Read(TaskArn.TryParse(task), null, scope));
        Assert.Equal(OwnershipDoubt.NotArns, Ownership.Read(null, cluster, scope));
    }

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    public void Scope_Partition_IsItsRegions(string region, string partition) =>
        Assert.Equal(partition, new OwnershipScope(region, null, new HashSet<string>()).Partition);

    private static string Task(string partition, string region, string account, string resource) =>
        $"arn:{partition}:ecs:{region}:{account}:task/{resource}";

    private static string Cluster(string partition, string region, string account, string name) =>
        $"arn:{partition}:ecs:{region}:{account}:cluster/{name}";
}
