using Cleanup.Aws;

namespace Cleanup.Tests.Aws;

public class StringPoolTests
{
    [Fact]
    public void Share_EqualStrings_ReturnsOneInstance()
    {
        var pool = new StringPool();
        var first = new string("arn:aws:ecs:us-east-1:123456789012:cluster/shells".AsSpan());
        var second = new string("arn:aws:ecs:us-east-1:123456789012:cluster/shells".AsSpan());

        Assert.NotSame(first, second);
        Assert.Same(pool.Share(first), pool.Share(second));
        Assert.Null(pool.Share(null));
    }

    [Fact]
    public void Share_PastItsCapacity_KeepsNewValuesAsTheyCame()
    {
        var pool = new StringPool(capacity: 2);
        pool.Share("a");
        pool.Share("b");
        var third = new string("c".AsSpan());
        var again = new string("c".AsSpan());

        // Bounded: a registry of distinct values cannot grow it; the values themselves are still returned intact.
        Assert.Same(third, pool.Share(third));
        Assert.Same(again, pool.Share(again));
        Assert.Equal("c", pool.Share(again));
    }
}
