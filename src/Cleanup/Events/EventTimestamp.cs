using System.Globalization;
using System.Text.RegularExpressions;

namespace Cleanup.Events;

/// <summary>
/// The one timestamp form events may carry: RFC 3339 with seconds and an explicit zone, as ECS writes it
/// (2026-11-26T10:15:41.921Z, or +00:00). A lenient parse reads "11/26/2026 10:00" in some culture's order and a date
/// without a zone in the machine's, and a time a deletion is judged by must not depend on either.
/// </summary>
public static partial class EventTimestamp
{
    /// <summary>How far ahead of our clock an event may be: ECS's clock and Lambda's are not the same clock.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    // No real event predates 2000, and nothing up to 9000 overflows when the planner adds or subtracts its windows.
    private static readonly DateTimeOffset _earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset _latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] _formats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    /// <summary>Reads <paramref name="text"/> as a UTC instant, or says why it is not one no later than now plus the skew.</summary>
    public static DateTimeOffset? TryParse(string text, DateTimeOffset now, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (!Shape().IsMatch(text) || !DateTimeOffset.TryParseExact(
                text.EndsWith('Z') ? string.Concat(text.AsSpan(0, text.Length - 1), "+00:00") : text,
                _formats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var parsed))
        {
            problem = "must be an RFC 3339 timestamp such as 2026-11-26T10:15:41Z";
            return null;
        }

        if (parsed < _earliest || parsed >= _latest)
        {
            problem = $"must be between {_earliest.Year} and {_latest.Year}";
            return null;
        }

        // A difference, not now + skew: no now can make it overflow.
        if (parsed - now > AllowedSkew)
        {
            problem = $"is more than {AllowedSkew.TotalMinutes:0} minutes after now";
            return null;
        }

        return parsed.ToUniversalTime();
    }

    // \z, not $: $ would let a trailing newline through. Up to 7 fraction digits, the most DateTimeOffset keeps.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
