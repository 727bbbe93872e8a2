namespace Cleanup.Cli.Commands;

/// <summary>
/// Progress of a long sweep on stderr, written at once (Progress&lt;T&gt; would post it later, out of order with the log
/// lines, or not at all if the process ends first).
/// </summary>
internal sealed class StderrProgress(TextWriter error) : IProgress<string>
{
    public void Report(string value) => error.WriteLine($"progress: {value}");
}
