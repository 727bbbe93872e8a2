using System.Diagnostics;
using System.Globalization;

namespace Cleanup.Bench.Sweep;

/// <summary>
/// A process's peak resident set (VmHWM in /proc/PID/status): the kernel keeps the high-water mark itself, so
/// polling cannot miss a short peak, only growth in the last interval before exit.
/// </summary>
internal static class ProcessMemory
{
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>VmHWM in bytes, or null where there is no /proc (not Linux) or the process is gone.</summary>
    public static long? PeakResidentBytes(string pid = "self")
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // "VmHWM:	   97312 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The highest VmHWM read while <paramref name="process"/> runs.</summary>
    public static async Task<long?> WatchPeakAsync(Process process, CancellationToken cancellationToken)
    {
        long? peak = null;
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        while (!process.HasExited)
        {
            if (PeakResidentBytes(pid) is { } now && now > (peak ?? 0))
            {
                peak = now;
            }

            await Task.Delay(_pollInterval, cancellationToken);
        }

        return peak;
    }

    public static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture);
}
