using System.Text.Json;

namespace Cleanup.Events;

/// <summary>
/// Typed field access on an event object that remembers the first problem, so a parser reads every field it needs
/// and then reports one clear message naming the field (e.g. "detail.taskArn must be a string").
/// </summary>
internal sealed class JsonFields(JsonElement element, string path)
{
    public string? Error { get; private set; }

    public string? OptionalString(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? RequiredString(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Fail($"{path}.{name} is missing");
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            return Fail($"{path}.{name} must be a non-empty string, got {value.ValueKind}");
        }

        return value.GetString();
    }

    public JsonElement RequiredObject(string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            Fail($"{path}.{name} is missing");
            return default;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail($"{path}.{name} must be an object, got {value.ValueKind}");
            return default;
        }

        return value;
    }

    public DateTimeOffset? OptionalTimestamp(string name, DateTimeOffset now)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"{path}.{name} must be an RFC 3339 timestamp string, got {value.ValueKind}");
            return null;
        }

        var text = value.GetString()!;
        var parsed = EventTimestamp.TryParse(text, now, out var problem);
        if (parsed is null)
        {
            Fail($"{path}.{name} {problem}, got {Fragment.Quote(text)}");
        }

        return parsed;
    }

    public long? OptionalInteger(string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        Fail($"{path}.{name} must be an integer, got {Describe(value)}");
        return null;
    }

    public string? Fail(string message)
    {
        Error ??= message;
        return null;
    }

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Fragment.Quote(value.GetString()) : value.ValueKind.ToString();
}
