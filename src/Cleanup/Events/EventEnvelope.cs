using System.Text.Json;

namespace Cleanup.Events;

/// <summary>The EventBridge envelope every event arrives in.</summary>
public sealed record EventEnvelope(string Id, string Source, string DetailType, string Account, string Region, JsonElement Detail)
{
    /// <summary>Reads the envelope; returns an error message instead when a field is missing or of the wrong type.</summary>
    public static EventEnvelope? TryRead(JsonElement root, out string? error, out string? eventId)
    {
        eventId = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"the event must be a JSON object, got {root.ValueKind}";
            return null;
        }

        var reader = new JsonFields(root, "event");
        var id = reader.RequiredString("id");
        if (id is not null && !PlainId.IsPlain(id))
        {
            reader.Fail($"event.id must be {PlainId.Description}, got {Fragment.Quote(id)}");
            id = null;
        }

        // The id names the event in every line the run logs, even when the rest of it is refused.
        eventId = id;
        var source = reader.RequiredString("source");
        var detailType = reader.RequiredString("detail-type");
        var account = reader.RequiredString("account");
        var region = reader.RequiredString("region");
        var detail = reader.RequiredObject("detail");
        error = reader.Error;
        return error is null ? new EventEnvelope(id!, source!, detailType!, account!, region!, detail) : null;
    }
}
