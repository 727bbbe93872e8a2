using Cleanup.Options;

namespace Cleanup.Tests.Options;

public class OwnershipTagsTests
{
    [Fact]
    public void Keys_FollowThePrefix_AlsoThroughWith()
    {
        var tags = new OwnershipTags("ssm-cleanup");

        var other = tags with { Prefix = "acme/shells" };

        Assert.Equal(("ssm-cleanup:task-arn", "ssm-cleanup:cluster-arn"), (tags.TaskArnKey, tags.ClusterArnKey));
        Assert.Equal(("acme/shells:task-arn", "acme/shells:cluster-arn"), (other.TaskArnKey, other.ClusterArnKey));
        Assert.Equal(new OwnershipTags("acme/shells"), other);
    }
}
