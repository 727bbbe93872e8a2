using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cleanup.Aws.Ecs;

/// <summary>AWS JSON 1.1 timestamps: seconds since the Unix epoch as a JSON number, possibly fractional.</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"Expected an epoch-seconds number, found {reader.TokenType}.");
        }

        var milliseconds = Math.Round(reader.GetDouble() * 1000d, MidpointRounding.AwayFromZero);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000d);
    }
}
