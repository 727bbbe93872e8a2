using Cleanup.Lease;

namespace Cleanup.Tests.Lease;

public class LeaseRecordTests
{
    [Fact]
    public void Parse_WhatToJsonWrote_RoundTrips()
    {
        var at = new DateTimeOffset(2026, 11, 27, 9, 0, 0, 123, TimeSpan.Zero);
        var record = new LeaseRecord("cleanup-sweep 2026/11/27/[$LATEST]ab run 1", at, at.AddMinutes(6));

        Assert.Equal(record, LeaseRecord.Parse(record.ToJson()));
    }

    [Theory]
    [InlineData("""{"holder":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"holder":null,"expires":"2099-01-01T00:00:00Z"}""")]
    public void Parse_NoHolder_IsFree(string value) => Assert.Equal(LeaseRecord.Free, LeaseRecord.Parse(value));

    [Theory]
    [InlineData("locked")]
    [InlineData("""["holder"]""")]
    [InlineData("""{"holder":42}""")]
    [InlineData("""{"holder":"  "}""")]
    [InlineData("""{"holder":"x",""")]
    public void Parse_NotALeaseRecord_IsNull(string value) => Assert.Null(LeaseRecord.Parse(value));

    [Fact]
    public void Parse_HolderWithoutExpiry_IsHeldWithUnknownEnd()
    {
        var record = LeaseRecord.Parse("""{"holder":"x","expires":"soon"}""");

        Assert.True(record!.IsHeld);
        Assert.Null(record.Expires);
    }
}
