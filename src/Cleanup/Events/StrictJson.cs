using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Cleanup.Events;

/// <summary>
/// One reader pass over an input before anything is read from it, refusing what <see cref="JsonDocument"/> would
/// accept but a deletion tool must not guess about: invalid UTF-8 (the document only finds it when a string is read,
/// by throwing), escapes that decode to lone surrogates, the same property twice in one object (the document keeps
/// the last, so two readers of one event could see two different tasks), and deep nesting. Messages say what and
/// where, never the input: System.Text.Json's own messages quote it.
/// </summary>
internal static class StrictJson
{
    /// <summary>Deeper than any real ECS, EventBridge or SQS event nests.</summary>
    public const int MaxDepth = 32;

    /// <summary>Returns null when the input is one strict JSON value, else what is wrong with it and where.</summary>
    public static string? Validate(ReadOnlySpan<byte> input)
    {
        if (!Utf8.IsValid(input))
        {
            return $"the input is not valid UTF-8 (byte {FirstInvalidByte(input)})";
        }

        var reader = new Utf8JsonReader(input, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        var names = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= MaxDepth:
                        return $"the input nests deeper than {MaxDepth} levels (byte {reader.TokenStartIndex})";
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        // Compared unescaped: "a" and "\u0061" are the same key to every reader after us.
                        var name = reader.GetString()!;
                        if (!names.Peek().Add(name))
                        {
                            return $"the input has property {Fragment.Quote(name)} twice in one object (byte {reader.TokenStartIndex})";
                        }

                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        // Decoding is what finds an escaped lone surrogate; unescaped text is already valid UTF-8.
                        _ = reader.GetString();
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return $"the input is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})";
        }
        catch (InvalidOperationException)
        {
            return $"the input has a string that is not valid Unicode (byte {reader.TokenStartIndex})";
        }

        return null;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> input)
    {
        var at = 0;
        while (Rune.DecodeFromUtf8(input[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }
}
