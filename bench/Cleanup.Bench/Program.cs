using Cleanup.Cli;

namespace Cleanup.Bench;

/// <summary>
/// The harnesses that measure Cleanup against the emulator (docs/performance.md): measurements, not tests, and not
/// part of the shipped `cleanup` tool. Run from a clone with <see cref="BenchCommand.Invocation"/>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            return await BenchCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("bench: interrupted");
            return ExitCodes.Interrupted;
        }
    }
}
