using System.Text;

namespace Cleanup.Report;

/// <summary>
/// The Lambda's log writer: the process's standard output stream itself, not <see cref="Console.Out"/>. On the
/// managed .NET runtime Console.Out is replaced by a writer that puts "timestamp\trequestId\tinfo\t" before every
/// line, so a line written there is no longer JSON in CloudWatch (Logs Insights cannot parse it, EMF is not read
/// from it); Powertools for AWS Lambda (.NET) writes to the raw stream for the same reason.
/// </summary>
public static class StdoutLog
{
    // Larger than the longest line (RunLog.MaxLineBytes): a line reaches the stream in one write, never in pieces.
    private const int BufferChars = 2 * RunLog.MaxLineBytes;

    /// <summary>
    /// A writer over <paramref name="stdout"/>: UTF-8 without a byte order mark (a BOM would make the first line
    /// invalid JSON), flushed at every write so a run cut short leaves every line it wrote, and synchronised because
    /// removals run several at a time.
    /// </summary>
    public static TextWriter Over(Stream stdout) =>
        TextWriter.Synchronized(new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferChars, leaveOpen: true) { AutoFlush = true });
}
