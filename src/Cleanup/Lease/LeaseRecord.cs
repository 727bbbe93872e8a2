using System.Globalization;
using System.Text.Json;

namespace Cleanup.Lease;

/// <summary>
/// What the lease parameter says: who holds it and until when, or nobody (<c>{"holder":null}</c>, the template's
/// initial value and what a release writes).
/// </summary>
public sealed record LeaseRecord(string? Holder, DateTimeOffset? Acquired, DateTimeOffset? Expires)
{
    public static readonly LeaseRecord Free = new(null, null, null);

    public bool IsHeld => Holder is not null;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (Holder is null)
            {
                json.WriteNull("holder");
            }
            else
            {
                json.WriteString("holder", Holder);
            }

            Write(json, "acquired", Acquired);
            Write(json, "expires", Expires);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The record a value holds, or null when it is not one (written by hand, or by something else).</summary>
    public static LeaseRecord? Parse(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var holder = root.TryGetProperty("holder", out var h) ? h : default;
            return holder.ValueKind switch
            {
                JsonValueKind.Undefined or JsonValueKind.Null => Free,
                JsonValueKind.String when !string.IsNullOrWhiteSpace(holder.GetString()) =>
                    new LeaseRecord(holder.GetString(), Time(root, "acquired"), Time(root, "expires")),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, v.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }
    }

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
