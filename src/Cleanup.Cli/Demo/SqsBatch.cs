using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cleanup.Cli.Demo;

/// <summary>
/// Builds the event Lambda's SQS event source mapping delivers: each EventBridge event becomes one record whose body
/// is the event as a JSON string. Used by the demo, the burst bench and the tests to deliver events the queued way.
/// </summary>
public static class SqsBatch
{
    public static string Build(IEnumerable<(string MessageId, string Body)> messages, string region = "us-east-1", string account = "123456789012", int receiveCount = 1)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            foreach (var (id, body) in messages)
            {
                json.WriteStartObject();
                json.WriteString("messageId", id);
                json.WriteString("receiptHandle", $"AQEB{id}");
                json.WriteString("body", body);
                json.WriteStartObject("attributes");
                json.WriteString("ApproximateReceiveCount", receiveCount.ToString(CultureInfo.InvariantCulture));
                json.WriteString("SentTimestamp", "1795687200000");
                json.WriteString("SenderId", "AIDAIENQZJOLO23YVJ4VO");
                json.WriteString("ApproximateFirstReceiveTimestamp", "1795687200100");
                json.WriteEndObject();
                json.WriteStartObject("messageAttributes");
                json.WriteEndObject();
                json.WriteString("md5OfBody", Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body))));
                json.WriteString("eventSource", "aws:sqs");
                json.WriteString("eventSourceARN", $"arn:aws:sqs:{region}:{account}:cleanup-EventQueue");
                json.WriteString("awsRegion", region);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Build(params string[] bodies) =>
        Build(bodies.Select((body, i) => ($"{i + 1:D8}-0000-4000-8000-000000000000", body)));
}
