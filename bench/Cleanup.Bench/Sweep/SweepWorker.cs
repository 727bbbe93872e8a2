using System.Diagnostics;
using System.Globalization;
using Cleanup.Cli;
using Cleanup.Options;

namespace Cleanup.Bench.Sweep;

/// <summary>
/// <c>Cleanup.Bench --sweep-worker</c>, the child half of the sweep bench: one scheduled sweep through the deployed
/// handler (<see cref="Function"/>, configured from CLEANUP_*, AWS_REGION and AWS_ENDPOINT_URL), in a process of
/// its own so that its peak memory is the function's and not the emulator's. The decision log goes to stdout as on
/// Lambda; the handler's answer and the worker's own figures go to stderr, for the parent to read.
/// </summary>
public static class SweepWorker
{
    public const string Flag = "--sweep-worker";

    /// <summary>Prefix of the figure lines after the handler's answer: "#sweep-ms 1234", "#peak-rss-bytes 101711872".</summary>
    public const string FigurePrefix = "#";

    public static async Task<int> RunAsync(TextWriter report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        int exit;
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await new Function().Handler(new MemoryStream("""{"cleanup":"sweep"}"""u8.ToArray()));
            using var reader = new StreamReader(response);
            await report.WriteLineAsync(await reader.ReadToEndAsync(cancellationToken));
            exit = ExitCodes.Ok;
        }
        catch (CleanupRunFailedException ex)
        {
            await report.WriteLineAsync(ex.Message);
            exit = ExitCodes.Failed;
        }
        catch (InvalidOptionsException ex)
        {
            await report.WriteLineAsync(ex.Message);
            exit = ExitCodes.Invalid;
        }

        // How hard the GC worked, to tell live data from garbage not yet collected when the peak is too high.
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{FigurePrefix}gc allocated {GC.GetTotalAllocatedBytes() >> 20} MiB, collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, committed {GC.GetGCMemoryInfo().TotalCommittedBytes >> 20} MiB"));
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{FigurePrefix}sweep-ms {watch.ElapsedMilliseconds}"));
        // Read here, at the end, as well: the parent's polling can miss growth in its last interval.
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{FigurePrefix}peak-rss-bytes {ProcessMemory.PeakResidentBytes()}"));
        return exit;
    }
}
