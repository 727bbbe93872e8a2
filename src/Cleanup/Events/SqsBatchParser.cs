using System.Text;
using System.Text.Json;
using Cleanup.Options;

namespace Cleanup.Events;

/// <summary>
/// Reads the batch Lambda's SQS event source mapping delivers: {"Records":[{"messageId","body",…}]}, where each body
/// is the whole EventBridge event as a JSON string. Only task state changes travel this way: a sweep never comes
/// through the queue, so a queued scheduled event is refused rather than run.
/// </summary>
public static class SqsBatchParser
{
    public const string EventSource = "aws:sqs";

    public static bool IsBatch(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out _) && !root.TryGetProperty("detail-type", out _);

    public static ParsedEvent Parse(JsonElement root, CleanupOptions options, DateTimeOffset now)
    {
        var records = root.GetProperty("Records");
        if (records.ValueKind != JsonValueKind.Array)
        {
            return new RejectedEvent($"Records must be an array, got {records.ValueKind}", null);
        }

        var messages = new List<QueuedMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var fields = new JsonFields(record, $"Records[{index++}]");
            var messageId = record.ValueKind == JsonValueKind.Object ? fields.RequiredString("messageId") : null;
            if (messageId is not null && !PlainId.IsPlain(messageId))
            {
                // It goes back to SQS verbatim, so it cannot be shortened, only refused.
                messageId = fields.Fail($"Records[{index - 1}].messageId must be {PlainId.Description}, got {Fragment.Quote(messageId)}");
            }

            if (messageId is null)
            {
                // Without a message id the handler cannot name the message as failed, so the whole batch must retry.
                return new RejectedEvent(fields.Error ?? $"Records[{index - 1}] must be an object", null);
            }

            if (!seen.Add(messageId))
            {
                continue;
            }

            messages.Add(new QueuedMessage(messageId, ParseRecord(fields, options, now), ReceiveCount(record)));
        }

        return new QueuedBatch(messages);
    }

    // Only an ordering hint (which deferred work goes first), never evidence: absent or odd reads as a first receive.
    private static int ReceiveCount(JsonElement record) =>
        record.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object &&
        attributes.TryGetProperty("ApproximateReceiveCount", out var count) && count.ValueKind == JsonValueKind.String &&
        int.TryParse(count.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : 1;

    private static ParsedEvent ParseRecord(JsonFields fields, CleanupOptions options, DateTimeOffset now)
    {
        var source = fields.RequiredString("eventSource");
        var body = fields.RequiredString("body");
        if (fields.Error is not null)
        {
            return new RejectedEvent(fields.Error, null);
        }

        if (source != EventSource)
        {
            return new RejectedEvent($"eventSource must be '{EventSource}', got {Fragment.Quote(source)}", null);
        }

        // The body came out of a strictly read string, so it is whole UTF-16 and encodes back byte for byte.
        var parsed = EventParser.Parse(Encoding.UTF8.GetBytes(body!), options, now, allowBatch: false);
        return parsed switch
        {
            AcceptedEvent { Trigger: SweepTrigger } => new RejectedEvent("a sweep is never queued: the event queue carries task state changes only", null),
            RejectedEvent rejected => rejected with { Error = $"body: {rejected.Error}" },
            _ => parsed,
        };
    }
}
