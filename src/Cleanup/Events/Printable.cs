namespace Cleanup.Events;

/// <summary>
/// A value someone else wrote, made safe to quote in a message or a log line: at most <c>max</c> characters, anything
/// but printable ASCII as '?', so it can neither forge a line nor carry a megabyte.
/// </summary>
internal static class Printable
{
    public static string Cut(string value, int max) =>
        new([.. value.Take(max).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
}
