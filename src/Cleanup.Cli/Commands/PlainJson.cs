using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cleanup.Cli.Commands;

/// <summary>The result JSON as a person or jq reads it: '+', '\'' and non-ASCII as themselves, not \u002B.</summary>
internal static class PlainJson
{
    // UnsafeRelaxedJsonEscaping is unsafe only where JSON is embedded in HTML or JavaScript; this text goes to a
    // terminal or a pipe, where the default encoder's escapes of '+', '\'', '<' and '&' are noise. The Lambda's
    // answer keeps the default encoder.
    private static readonly JsonWriterOptions _options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Rewrite(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, _options))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
