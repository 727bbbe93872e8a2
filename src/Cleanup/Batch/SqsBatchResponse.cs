using System.Text;
using System.Text.Json;

namespace Cleanup.Batch;

/// <summary>
/// The handler's answer to an SQS batch, as Lambda's event source mapping reads it with ReportBatchItemFailures:
/// <c>{"batchItemFailures":[{"itemIdentifier":"&lt;messageId&gt;"}]}</c>. Every message named comes back to the queue
/// (and, after maxReceiveCount, reaches the dead-letter queue); every other message is deleted, so an empty list
/// means the whole batch is done. An empty or null itemIdentifier would make Lambda fail the whole batch, which is
/// why the parser refuses a message without a plain id.
/// </summary>
public sealed record SqsBatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures)
{
    public const string BatchItemFailuresField = "batchItemFailures";
    public const string ItemIdentifierField = "itemIdentifier";

    /// <summary>The message ids that come back, in batch order.</summary>
    public IReadOnlyList<string> ItemIdentifiers => [.. BatchItemFailures.Select(f => f.ItemIdentifier)];

    /// <summary>The answer on the wire: compact JSON with exactly the contract's two field names.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray(BatchItemFailuresField);
            foreach (var failure in BatchItemFailures)
            {
                json.WriteStartObject();
                json.WriteString(ItemIdentifierField, failure.ItemIdentifier);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
