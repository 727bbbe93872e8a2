using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// events/sqs-batch.json is what the template's SQS event source mapping hands the function: it must look like
/// the real thing, with each body a whole EventBridge event as a string and md5OfBody its real MD5.
/// </summary>
public class TemplateSqsBatchEventTests
{
    private static readonly JsonElement[] _records = LoadRecords();

    [Fact]
    public void SqsBatch_Md5OfBody_IsTheMd5OfEachBody()
    {
        Assert.All(_records, record =>
        {
            var body = record.GetProperty("body").GetString()!;
#pragma warning disable CA5351 // SQS defines md5OfBody as MD5; this checks a checksum, it protects nothing.
            var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351
            Assert.Equal(md5, record.GetProperty("md5OfBody").GetString());
        });
    }

    [Fact]
    public void SqsBatch_Records_AreSqsMessagesOfTheEventQueueCarryingEventBridgeEvents()
    {
        Assert.Equal(3, _records.Length);
        Assert.Equal(3, _records.Select(r => r.GetProperty("messageId").GetString()).Distinct().Count());
        Assert.All(_records, record =>
        {
            Assert.Equal("aws:sqs", record.GetProperty("eventSource").GetString());
            Assert.Equal("us-east-1", record.GetProperty("awsRegion").GetString());
            Assert.StartsWith("arn:aws:sqs:us-east-1:123456789012:", record.GetProperty("eventSourceARN").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Object, record.GetProperty("messageAttributes").ValueKind);
            var attributes = record.GetProperty("attributes");
            foreach (var name in new[] { "ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp" })
            {
                Assert.Equal(JsonValueKind.String, attributes.GetProperty(name).ValueKind);
            }

            Assert.Equal(JsonValueKind.String, record.GetProperty("body").ValueKind);
            using var body = JsonDocument.Parse(record.GetProperty("body").GetString()!);
            Assert.Equal("aws.ecs", body.RootElement.GetProperty("source").GetString());
            Assert.Equal("123456789012", body.RootElement.GetProperty("account").GetString());
        });
    }

    [Fact]
    public void SqsBatch_HoldsTheStoppedSample_ItsDuplicate_AndTheOldArnSample()
    {
        Assert.True(SameJson(Repo.Event("task-stopped.json"), _records[0]));
        Assert.Equal(_records[0].GetProperty("body").GetString(), _records[1].GetProperty("body").GetString());
        Assert.True(SameJson(Repo.Event("task-stopped-old-arn.json"), _records[2]));
    }

    private static bool SameJson(byte[] sample, JsonElement record)
    {
        using var expected = JsonDocument.Parse(sample);
        using var body = JsonDocument.Parse(record.GetProperty("body").GetString()!);
        return JsonElement.DeepEquals(expected.RootElement, body.RootElement);
    }

    private static JsonElement[] LoadRecords()
    {
        using var document = JsonDocument.Parse(Repo.Event("sqs-batch.json"));
        return document.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.Clone()).ToArray();
    }
}
