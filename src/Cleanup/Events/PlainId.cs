using System.Buffers;

namespace Cleanup.Events;

/// <summary>
/// The shape of an id the sender chooses and we repeat: an event's id goes into every log line of its run, and an SQS
/// message id back to SQS verbatim, so neither can be quoted in part. AWS's own are UUIDs; anything else that is not
/// short, plain ASCII is refused rather than carried along.
/// </summary>
internal static class PlainId
{
    public const int MaxLength = 128;

    public const string Description = "1-128 letters, digits, '.', '_', ':' or '-'";

    private static readonly SearchValues<char> _allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    public static bool IsPlain(string? value) =>
        value is { Length: >= 1 and <= MaxLength } && !value.AsSpan().ContainsAnyExcept(_allowed);
}
