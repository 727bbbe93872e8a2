using Cleanup.Events;

namespace Cleanup.Tests.Events;

public class EventTimestampTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-26T10:05:00Z", true)]
    [InlineData("2026-11-26T10:05:00.0000001Z", false)]
    [InlineData("2000-01-01T00:00:00Z", true)]
    [InlineData("1999-12-31T23:59:59.9999999Z", false)]
    public void TryParse_Bounds_AreTheSkewAfterNowAndTheYear2000(string text, bool accepted)
    {
        var parsed = EventTimestamp.TryParse(text, _now, out var problem);

        Assert.Equal(accepted, parsed is not null);
        Assert.Equal(accepted, problem is null);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-11-26T10:05:00Z")]
    public void TryParse_AnyNow_DoesNotOverflow(string text)
    {
        foreach (var now in new[] { DateTimeOffset.MinValue, DateTimeOffset.MaxValue })
        {
            _ = EventTimestamp.TryParse(text, now, out _);
        }
    }
}

public class FragmentTests
{
    [Theory]
    [InlineData(null, "null")]
    [InlineData("us-east-1", "'us-east-1'")]
    [InlineData("a\nb\u0000c\u00e9'd", "'a?b?c??d'")]
    public void Quote_ShortValue_IsPrintableAscii(string? value, string expected)
    {
        Assert.Equal(expected, Fragment.Quote(value));
    }

    [Fact]
    public void Quote_LongValue_IsCutAndSaysItsLength()
    {
        var quoted = Fragment.Quote(new string('x', 1_000_000));

        Assert.Equal($"'{new string('x', Fragment.MaxLength)}'… (1000000 chars)", quoted);
    }
}
