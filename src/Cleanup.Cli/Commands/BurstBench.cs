namespace Cleanup.Cli.Commands;

/// <summary>Placeholder for the burst harness (N tasks stopping at once, delivered as the SQS mapping would).</summary>
public static class BurstBench
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        await error.WriteLineAsync("cleanup bench --burst is not built yet");
        return ExitCodes.Invalid;
    }
}
