using System.Text.Json.Nodes;

namespace Cleanup.Emulator.Protocol;

/// <summary>Output conventions of AWS JSON 1.1.</summary>
internal static class Json
{
    /// <summary>Timestamps go out as epoch seconds with millisecond fractions, like the real service.</summary>
    public static JsonNode Epoch(DateTimeOffset at) => JsonValue.Create(at.ToUnixTimeMilliseconds() / 1000d);

    /// <summary>Adds a member only when it has a value: AWS omits absent members rather than sending null.</summary>
    public static JsonObject AddIfSet(this JsonObject target, string member, string? value)
    {
        if (value is not null)
        {
            target[member] = value;
        }

        return target;
    }

    public static JsonObject With(this JsonObject target, string member, JsonNode? value)
    {
        target[member] = value;
        return target;
    }

    public static JsonArray TagList(IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })];
}
