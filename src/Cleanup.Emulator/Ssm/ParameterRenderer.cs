using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>The model's Parameter and ParameterHistory shapes.</summary>
internal static class ParameterRenderer
{
    /// <param name="version">The version read.</param>
    /// <param name="name">The name as the caller spelled it (AWS echoes it, leading slash or not).</param>
    /// <param name="selector">The version or label after the colon, if the caller gave one.</param>
    /// <param name="arn">The parameter's ARN.</param>
    public static JsonObject Parameter(ParameterVersion version, string name, string? selector, string arn) =>
        new JsonObject
        {
            ["Name"] = name,
            ["Type"] = version.Type,
            ["Value"] = version.Value,
            ["Version"] = version.Version,
        }
            .AddIfSet("Selector", selector is null ? null : ":" + selector)
            .With("LastModifiedDate", Json.Epoch(version.LastModifiedDate))
            .With("ARN", arn)
            .With("DataType", version.DataType);

    // Labels and policies are not emulated; AWS sends both as empty lists rather than leaving them out.
    public static JsonObject History(ParameterVersion version, string name) =>
        new JsonObject { ["Name"] = name, ["Type"] = version.Type }
            .AddIfSet("KeyId", version.KeyId)
            .With("LastModifiedDate", Json.Epoch(version.LastModifiedDate))
            .With("LastModifiedUser", version.LastModifiedUser)
            .AddIfSet("Description", NullIfEmpty(version.Description))
            .With("Value", version.Value)
            .AddIfSet("AllowedPattern", NullIfEmpty(version.AllowedPattern))
            .With("Version", version.Version)
            .With("Labels", new JsonArray())
            .With("Tier", version.Tier)
            .With("Policies", new JsonArray())
            .With("DataType", version.DataType);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
