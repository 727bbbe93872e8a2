using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cleanup.Emulator.Protocol;

/// <summary>
/// Typed, model-checked access to a request body. Type mismatches abort at once with SerializationException (the
/// AWS front end cannot even deserialize them); constraint violations are collected and reported together as one
/// ValidationException in AWS's wording ("2 validation errors detected: Value ... at 'maxResults' ...").
/// </summary>
internal sealed class RequestInput
{
    private readonly JsonObject _body;
    private readonly string _path;
    private readonly List<string> _violations;

    public RequestInput(JsonObject body)
        : this(body, string.Empty, [])
    {
    }

    private RequestInput(JsonObject body, string path, List<string> violations)
    {
        _body = body;
        _path = path;
        _violations = violations;
    }

    public string? String(string member, bool required = false, int? min = null, int? max = null, string? pattern = null, bool sensitive = false)
    {
        var node = Member(member, required);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw TypeMismatch(member, "string");
        }

        var value = node.GetValue<string>();
        var shown = sensitive ? null : value;
        if (min is { } lo && value.Length < lo)
        {
            Violate(member, shown, $"Member must have length greater than or equal to {lo}");
        }

        if (max is { } hi && value.Length > hi)
        {
            Violate(member, shown, $"Member must have length less than or equal to {hi}");
        }

        if (pattern is not null && !Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            Violate(member, shown, $"Member must satisfy regular expression pattern: {pattern}");
        }

        return value;
    }

    public string? Enum(string member, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var value = String(member, required);
        if (value is not null && !allowed.Contains(value))
        {
            Violate(member, value, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return value;
    }

    public int? Int(string member, int min, int max, bool required = false)
    {
        var node = Member(member, required);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var value))
        {
            throw TypeMismatch(member, "integer");
        }

        if (value < min)
        {
            Violate(member, value.ToString(CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {min}");
        }

        if (value > max)
        {
            Violate(member, value.ToString(CultureInfo.InvariantCulture), $"Member must have value less than or equal to {max}");
        }

        return value;
    }

    public bool? Bool(string member, bool required = false)
    {
        var node = Member(member, required);
        if (node is null)
        {
            return null;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw TypeMismatch(member, "boolean"),
        };
    }

    /// <summary>AWS JSON 1.1 timestamps are epoch seconds as a JSON number; fractions carry milliseconds.</summary>
    public DateTimeOffset? Timestamp(string member, bool required = false)
    {
        var node = Member(member, required);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<double>(out var seconds)
            || double.IsNaN(seconds) || seconds < -62135596800d || seconds > 253402300799d)
        {
            throw TypeMismatch(member, "timestamp (epoch seconds)");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000d));
    }

    /// <summary>A list of strings; <paramref name="itemMax"/> etc. apply to each element.</summary>
    public IReadOnlyList<string>? Strings(string member, bool required = false, int? min = null, int? max = null, int? itemMin = null, int? itemMax = null, string? itemPattern = null)
    {
        var items = List(member, required, min, max);
        if (items is null)
        {
            return null;
        }

        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null || item.GetValueKind() != JsonValueKind.String)
            {
                throw TypeMismatch(member, "list of strings");
            }

            var value = item.GetValue<string>();
            var where = $"{member}.{i + 1}.member";
            if (itemMin is { } lo && value.Length < lo)
            {
                Violate(where, value, $"Member must have length greater than or equal to {lo}");
            }

            if (itemMax is { } hi && value.Length > hi)
            {
                Violate(where, value, $"Member must have length less than or equal to {hi}");
            }

            if (itemPattern is not null && !Regex.IsMatch(value, itemPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                Violate(where, value, $"Member must satisfy regular expression pattern: {itemPattern}");
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>A list of structures, each exposed as a nested reader sharing this request's violations.</summary>
    public IReadOnlyList<RequestInput>? Structures(string member, bool required = false, int? min = null, int? max = null)
    {
        var items = List(member, required, min, max);
        if (items is null)
        {
            return null;
        }

        var result = new List<RequestInput>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                throw TypeMismatch(member, "list of structures");
            }

            result.Add(new RequestInput(item, $"{PathOf(member)}.{i + 1}.member.", _violations));
        }

        return result;
    }

    /// <summary>A nested structure (e.g. ECS networkConfiguration), as a reader sharing this request's violations.</summary>
    public RequestInput? Structure(string member, bool required = false)
    {
        var node = Member(member, required);
        if (node is null)
        {
            return null;
        }

        return node is JsonObject item
            ? new RequestInput(item, $"{PathOf(member)}.", _violations)
            : throw TypeMismatch(member, "structure");
    }

    /// <summary>Raises the collected violations; call once all members have been read.</summary>
    public void ThrowIfInvalid()
    {
        if (_violations.Count == 0)
        {
            return;
        }

        var count = _violations.Count == 1 ? "1 validation error" : $"{_violations.Count} validation errors";
        throw new AwsErrorException("ValidationException", $"{count} detected: {string.Join("; ", _violations)}");
    }

    private JsonArray? List(string member, bool required, int? min, int? max)
    {
        var node = Member(member, required);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw TypeMismatch(member, "list");
        }

        if (min is { } lo && array.Count < lo)
        {
            Violate(member, Render(array), $"Member must have length greater than or equal to {lo}");
        }

        if (max is { } hi && array.Count > hi)
        {
            Violate(member, Render(array), $"Member must have length less than or equal to {hi}");
        }

        return array;
    }

    private JsonNode? Member(string member, bool required)
    {
        var node = _body[member];
        if (node is null && required)
        {
            _violations.Add($"Value null at '{PathOf(member)}' failed to satisfy constraint: Member must not be null");
        }

        return node;
    }

    private void Violate(string member, string? value, string constraint)
    {
        // Sensitive values (activation codes) are never echoed, as AWS does for members marked sensitive.
        var shown = value is null ? "Value" : $"Value '{value}'";
        _violations.Add($"{shown} at '{PathOf(member)}' failed to satisfy constraint: {constraint}");
    }

    // AWS names members in validation messages in lowerCamelCase, e.g. 'filters.1.member.values'.
    private string PathOf(string member) => _path + char.ToLowerInvariant(member[0]) + member[1..];

    private static string Render(JsonArray array) =>
        "[" + string.Join(", ", array.Select(n => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : n?.ToJsonString())) + "]";

    private AwsErrorException TypeMismatch(string member, string expected) =>
        new("SerializationException", $"Unexpected value type at '{PathOf(member)}': expected {expected}");
}
