using System.Text;

namespace Cleanup.Events;

/// <summary>
/// How an error message quotes a value from an event: short and printable. The value is whatever the sender wrote,
/// so a message that echoed it whole could carry a megabyte, a forged log line or a secret into the run log.
/// </summary>
internal static class Fragment
{
    /// <summary>Longest fragment quoted; enough to recognise an ARN's head or a timestamp.</summary>
    public const int MaxLength = 40;

    /// <summary>'value' with anything but printable ASCII as '?', cut to <see cref="MaxLength"/> with its length said.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var shown = value.Length <= MaxLength ? value : value[..MaxLength];
        var text = new StringBuilder(shown.Length + 24).Append('\'');
        foreach (var c in shown)
        {
            text.Append(c is >= ' ' and <= '~' and not '\'' ? c : '?');
        }

        text.Append('\'');
        return value.Length <= MaxLength ? text.ToString() : text.Append($"… ({value.Length} chars)").ToString();
    }
}
