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
        eventId = reader.OptionalString("id");
        var id = reader.RequiredString("id");
        var source = reader.RequiredString("source");
        var detailType = reader.RequiredString("detail-type");
        var account = reader.RequiredString("account");
        var region = reader.RequiredString("region");
        var detail = reader.RequiredObject("detail");
        error = reader.Error;
        return error is null ? new EventEnvelope(id!, source!, detailType!, account!, region!, detail) : null;
    }
}
