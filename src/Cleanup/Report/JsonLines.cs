using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cleanup.Report;

/// <summary>
/// Writes one JSON object per line, each at most <see cref="MaxLineBytes"/>. Lines may come from the executor's
/// concurrent removals, so building one is serialised; one buffer and char array serve every line, because a sweep
/// logs a line per item.
/// </summary>
internal sealed class JsonLines(TextWriter output, TimeProvider time)
{
    /// <summary>
    /// Longest line written, in UTF-8 bytes: far below CloudWatch's 256 KB event limit, so a line is never split into
    /// two that are each invalid JSON, and a hostile value cannot make one line cost what a whole run does.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024;

    // What the short form of an over-long line keeps of any one value.
    private const int MaxShortValue = 1024;

    // Log lines are read by people and Logs Insights, never embedded in HTML: '+' in a timestamp and quotes in a
    // message stay as they are instead of \u002B. Control characters are still escaped, and what is quoted from
    // input is already cut and reduced to printable ASCII by the parsers.
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private char[] _chars = new char[4096];

    public string Now() => time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// One line. Over <see cref="MaxLineBytes"/> it is written in its short form, marked "truncated"; one still over
    /// it (or without a short form) becomes a line that says only how long it was.
    /// </summary>
    public void Write(Action<Utf8JsonWriter> body, Action<Utf8JsonWriter>? shortBody = null)
    {
        lock (_gate)
        {
            Render(body, truncated: false);
            var full = _buffer.WrittenCount;
            if (full > MaxLineBytes && shortBody is not null)
            {
                Render(shortBody, truncated: true);
            }

            if (_buffer.WrittenCount > MaxLineBytes)
            {
                Render(
                    json =>
                    {
                        json.WriteString("timestamp", Now());
                        json.WriteString("level", "error");
                        json.WriteString("message", "log line over the size cap");
                        json.WriteNumber("bytes", full);
                    },
                    truncated: true);
            }

            var bytes = _buffer.WrittenSpan;
            var length = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (_chars.Length < length)
            {
                _chars = new char[Math.Max(length, _chars.Length * 2)];
            }

            var written = Encoding.UTF8.GetChars(bytes, _chars);
            output.WriteLine(_chars.AsSpan(0, written));
        }
    }

    public void Flush() => output.Flush();

    /// <summary>A value as a short form keeps it: at most 1,024 characters.</summary>
    public static string? Cut(string? value) =>
        value is { Length: > MaxShortValue } ? string.Concat(value.AsSpan(0, MaxShortValue), "…") : value;

    private void Render(Action<Utf8JsonWriter> body, bool truncated)
    {
        _buffer.ResetWrittenCount();
        using var json = new Utf8JsonWriter(_buffer, _writerOptions);
        json.WriteStartObject();
        body(json);
        if (truncated)
        {
            json.WriteBoolean("truncated", true);
        }

        json.WriteEndObject();
    }
}
