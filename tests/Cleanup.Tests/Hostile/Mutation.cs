using System.Text.Json.Nodes;

namespace Cleanup.Tests.Hostile;

public enum MutationKind
{
    Set,
    Delete,
    Twice,
    Rename,
}

/// <summary>One change to an event, its detail or the first SQS record: set, delete, write twice or rename a key.</summary>
public sealed record Mutation(MutationKind Kind, string Scope, string Key, JsonNode? Value, string? NewKey)
{
    public string What => Kind switch
    {
        MutationKind.Set => $"{Scope}.{Key} = {Describe(Value)}",
        MutationKind.Twice => $"{Scope}.{Key} twice, second {Describe(Value)}",
        MutationKind.Rename => $"{Scope}.{Key} renamed {Describe(JsonValue.Create(NewKey))}",
        _ => $"{Scope}.{Key} deleted",
    };

    public static Mutation Set(string scope, string key, JsonNode? value) => new(MutationKind.Set, scope, key, value, null);

    public static Mutation Delete(string scope, string key) => new(MutationKind.Delete, scope, key, null, null);

    public static Mutation Twice(string scope, string key, JsonNode? value) => new(MutationKind.Twice, scope, key, value, null);

    public static Mutation Rename(string scope, string key, string newKey) => new(MutationKind.Rename, scope, key, null, newKey);

    /// <summary>The object this mutation changes, or null when an earlier one took it away.</summary>
    public JsonObject? Target(JsonObject root) => Scope switch
    {
        "event" => root,
        "detail" => root["detail"] as JsonObject,
        _ => root["Records"] is JsonArray { Count: > 0 } records ? records[0] as JsonObject : null,
    };

    public void Apply(JsonObject target)
    {
        switch (Kind)
        {
            case MutationKind.Set:
                target[Key] = Value?.DeepClone();
                break;
            case MutationKind.Delete:
                target.Remove(Key);
                break;
            case MutationKind.Rename when target.TryGetPropertyValue(Key, out var value):
                target.Remove(Key);
                target[NewKey!] = value;
                break;
        }
    }

    private static string Describe(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length <= 60 ? text : $"{text[..60]}… ({text.Length} chars)";
    }
}
