using System.Text;
using System.Text.Json.Nodes;
using Cleanup.Events;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Events;

/// <summary>
/// The red team's inputs, each refused by the parser itself with a one-line message that names the field and never
/// carries the input: duplicate keys, invalid UTF-8, lenient or absurd timestamps, oversized and multi-line values.
/// </summary>
public class StrictInputTests
{
    // Twenty minutes after the sample's stoppedAt: late enough for it, too early for a timestamp a day ahead.
    private static readonly DateTimeOffset _now = new(2026, 11, 26, 10, 35, 41, TimeSpan.Zero);

    private static ParsedEvent Parse(byte[] input) => EventParser.Parse(input, TestOptions.Default, _now);

    private static ParsedEvent Parse(string input) => Parse(Encoding.UTF8.GetBytes(input));

    private static JsonObject Sample() => JsonNode.Parse(Repo.Event("task-stopped.json"))!.AsObject();

    private static string SampleText() => Sample().ToJsonString();

    private static RejectedEvent Rejected(ParsedEvent parsed)
    {
        var rejected = Assert.IsType<RejectedEvent>(parsed);
        AssertClear(rejected.Error);
        return rejected;
    }

    // One line, printable ASCII, short: what an operator reads and what a log can carry.
    internal static void AssertClear(string message)
    {
        Assert.InRange(message.Length, 1, 300);
        Assert.DoesNotContain(message, c => c is < ' ' or > '~' and not '…');
    }

    [Fact]
    public void Parse_Sample_IsAccepted()
    {
        Assert.IsType<AcceptedEvent>(Parse(SampleText()));
    }

    [Theory]
    [InlineData("\"region\":\"us-east-1\"", "\"region\":\"us-east-1\",\"region\":\"eu-west-1\"")]
    [InlineData("\"lastStatus\":\"STOPPED\"", "\"lastStatus\":\"RUNNING\",\"lastStatus\":\"STOPPED\"")]
    [InlineData("\"lastStatus\":\"STOPPED\"", "\"lastStatus\":\"STOPPED\",\"\\u006castStatus\":\"STOPPED\"")]
    [InlineData("\"name\":\"app\"", "\"name\":\"app\",\"name\":\"app\"")]
    public void Parse_DuplicateKey_IsRejectedAnywhereInTheEvent(string field, string twice)
    {
        var json = SampleText();
        Assert.Contains(field, json, StringComparison.Ordinal);

        var rejected = Rejected(Parse(json.Replace(field, twice, StringComparison.Ordinal)));

        Assert.Contains("twice", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKeyInAnSqsRecord_RejectsTheBatch()
    {
        var batch = Cleanup.Cli.Demo.SqsBatch.Build(SampleText());
        var twice = batch.Replace("\"eventSource\":\"aws:sqs\"", "\"eventSource\":\"aws:sqs\",\"eventSource\":\"aws:sqs\"", StringComparison.Ordinal);

        Assert.Contains("twice", Rejected(Parse(twice)).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"4\"", 4)]
    [InlineData("\"0\"", 1)]
    [InlineData("\"-2\"", 1)]
    [InlineData("\"x\"", 1)]
    [InlineData("4", 1)]
    [InlineData("null", 1)]
    public void Parse_SqsApproximateReceiveCount_IsReadAsAnOrderingHintAndOddValuesCountAsAFirstReceive(string value, int expected)
    {
        var batch = Cleanup.Cli.Demo.SqsBatch.Build([("m-1", SampleText())], receiveCount: 7)
            .Replace("\"ApproximateReceiveCount\":\"7\"", $"\"ApproximateReceiveCount\":{value}", StringComparison.Ordinal);

        var message = Assert.Single(Assert.IsType<QueuedBatch>(Parse(batch)).Messages);

        Assert.IsType<AcceptedEvent>(message.Event);
        Assert.Equal(expected, message.ReceiveCount);
    }

    [Fact]
    public void Parse_DuplicateKeyInAQueuedBody_RejectsThatMessage()
    {
        var body = SampleText().Replace("\"lastStatus\":\"STOPPED\"", "\"lastStatus\":\"X\",\"lastStatus\":\"STOPPED\"", StringComparison.Ordinal);

        var batch = Assert.IsType<QueuedBatch>(Parse(Cleanup.Cli.Demo.SqsBatch.Build(body)));

        var rejected = Rejected(Assert.Single(batch.Messages).Event);
        Assert.StartsWith("body: ", rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe })]
    [InlineData(new byte[] { 0xc0, 0xaf })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    [InlineData(new byte[] { 0xe2, 0x82 })]
    public void Parse_InvalidUtf8InAString_IsRejectedNotThrown(byte[] bad)
    {
        var json = Encoding.UTF8.GetBytes(SampleText());
        var at = json.AsSpan().IndexOf("\"STOPPED\""u8) + 1;
        byte[] input = [.. json[..at], .. bad, .. json[at..]];

        Assert.Contains("UTF-8", Rejected(Parse(input)).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00x\"")]
    public void Parse_EscapedLoneSurrogate_IsRejectedNotThrown(string value)
    {
        var json = SampleText().Replace("\"STOPPED\"", value, StringComparison.Ordinal);

        Assert.Contains("Unicode", Rejected(Parse(json)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EscapedLoneSurrogateAsAKey_IsRejectedNotThrown()
    {
        Assert.Contains("Unicode", Rejected(Parse("{\"\\ud800\":1}")).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("11/26/2026 10:00")]
    [InlineData("Thu, 26 Nov 2026 10:15:41 GMT")]
    [InlineData("2026-11-26T10:15:41")]
    [InlineData("2026-11-26")]
    [InlineData("2026-11-26 10:15:41Z")]
    [InlineData("2026-11-26t10:15:41z")]
    [InlineData("2026-11-26T10:15:41Z\n")]
    [InlineData(" 2026-11-26T10:15:41Z")]
    [InlineData("2026-11-26T10:15:41.123456789Z")]
    [InlineData("2026-11-26T10:15:41+0000")]
    [InlineData("2026-11-26T10:15:41+99:00")]
    [InlineData("2026-02-30T10:15:41Z")]
    [InlineData("+2026-11-26T10:15:41Z")]
    [InlineData("2026-11-26T10:41:42Z")]
    [InlineData("2026-11-27T10:15:41Z")]
    public void Parse_StoppedAtNotAStrictPastTimestamp_IsRejectedNamingTheField(string stoppedAt)
    {
        var json = Sample();
        json["detail"]!["stoppedAt"] = stoppedAt;

        Assert.Contains("detail.stoppedAt", Rejected(Parse(json.ToJsonString())).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-26T10:15:41Z", "2026-11-26T10:15:41Z")]
    [InlineData("2026-11-26T10:15:41.921Z", "2026-11-26T10:15:41.921Z")]
    [InlineData("2026-11-26T10:15:41.9210000Z", "2026-11-26T10:15:41.921Z")]
    [InlineData("2026-11-26T10:15:41+00:00", "2026-11-26T10:15:41Z")]
    [InlineData("2026-11-26T12:15:41+02:00", "2026-11-26T10:15:41Z")]
    [InlineData("2026-11-26T10:40:41Z", "2026-11-26T10:40:41Z")]
    public void Parse_StoppedAtInRfc3339_IsReadAsUtc(string stoppedAt, string expected)
    {
        var json = Sample();
        json["detail"]!["stoppedAt"] = stoppedAt;

        var accepted = Assert.IsType<AcceptedEvent>(Parse(json.ToJsonString()));

        var task = Assert.Single(Assert.IsType<TaskStoppedTrigger>(accepted.Trigger).Tasks);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), task.StoppedAt);
        Assert.Equal(TimeSpan.Zero, task.StoppedAt!.Value.Offset);
    }

    [Theory]
    [InlineData("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e\n")]
    [InlineData("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e\u2028")]
    [InlineData("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e/x")]
    [InlineData("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/shélls/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e")]
    [InlineData("clusterArn", "arn:aws:ecs:us-east-1:123456789012:cluster/shells\n")]
    public void Parse_ArnWithSomethingAfterOrInside_IsRejectedWithoutTheRawValue(string field, string arn)
    {
        var json = Sample();
        json["detail"]![field] = arn;

        var rejected = Rejected(Parse(json.ToJsonString()));

        Assert.Contains($"detail.{field}", rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("taskArn")]
    [InlineData("lastStatus")]
    [InlineData("stoppedAt")]
    public void Parse_MegabyteValue_IsQuotedByAShortFragmentOnly(string field)
    {
        var json = Sample();
        json["detail"]![field] = "arn:aws:ecs:" + new string('x', 1 << 20);

        var parsed = Parse(json.ToJsonString());

        var message = parsed switch
        {
            RejectedEvent r => r.Error,
            IgnoredEvent i => i.Reason,
            _ => throw new InvalidOperationException($"expected a refusal, got {parsed.GetType().Name}"),
        };
        AssertClear(message);
        Assert.DoesNotContain(new string('x', Fragment.MaxLength + 1), message, StringComparison.Ordinal);
        Assert.Contains("chars)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SyntaxError_SaysWhereWithoutQuotingTheInput()
    {
        var rejected = Rejected(Parse("{\"id\":\n Zsecret-value}"));

        Assert.Contains("not valid JSON (line 2", rejected.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Z", rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    // Inside detail: the event and detail objects are two of the 32 levels.
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(10_000, false)]
    public void Parse_DeepNesting_IsRejectedPastTheLimit(int depth, bool withinLimit)
    {
        var json = Sample();
        var nested = new string('[', depth) + new string(']', depth);
        var text = json.ToJsonString().Replace("\"platformVersion\"", $"\"deep\":{nested},\"platformVersion\"", StringComparison.Ordinal);

        var parsed = Parse(text);

        if (withinLimit)
        {
            Assert.IsType<AcceptedEvent>(parsed);
        }
        else
        {
            Assert.Contains("deeper", Rejected(parsed).Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid with spaces")]
    [InlineData("id\nforged log line")]
    public void Parse_EventIdNotPlain_IsRejectedAndNotCarried(string id)
    {
        var json = Sample();
        json["id"] = id.Length == 0 ? new string('a', PlainId.MaxLength + 1) : id;

        var rejected = Rejected(Parse(json.ToJsonString()));

        Assert.Contains("event.id", rejected.Error, StringComparison.Ordinal);
        Assert.Null(rejected.EventId);
    }

    [Theory]
    [InlineData("m 1")]
    [InlineData("m\n1")]
    [InlineData("")]
    public void Parse_SqsMessageIdNotPlain_RejectsTheBatch(string messageId)
    {
        var batch = Cleanup.Cli.Demo.SqsBatch.Build([(messageId.Length == 0 ? new string('m', 129) : messageId, SampleText())]);

        Assert.Contains("messageId", Rejected(Parse(batch)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SchedulerPayloadHoldingAnObject_DoesNotEchoIt()
    {
        var rejected = Rejected(Parse("""{"cleanup":{"token":"hunter2"}}"""));

        Assert.DoesNotContain("hunter2", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FromAnotherRegionWithAHostileName_QuotesItSanitised()
    {
        var json = Sample();
        json["region"] = "eu-west-1\n{\"level\":\"info\"}";

        Assert.Contains("'eu-west-1?{\"level\":\"info\"}'", Rejected(Parse(json.ToJsonString())).Error, StringComparison.Ordinal);
    }
}
