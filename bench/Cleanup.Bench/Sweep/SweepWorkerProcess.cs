using System.Diagnostics;
using System.Globalization;
using Cleanup.Emulator;
using Cleanup.Options;

namespace Cleanup.Bench.Sweep;

/// <summary>What the child sweep did: its exit code, figures, the handler's answer and how much it logged.</summary>
internal sealed record WorkerRun(int ExitCode, long? PeakResidentBytes, long? SweepMilliseconds, TimeSpan Wall, string Answer, long LogBytes, long LogLines, string? Gc)
{
    /// <summary>The log's Embedded Metric Format lines (each names the metrics CloudWatch would create from it).</summary>
    public IReadOnlyList<string> MetricLines { get; init; } = [];
}

/// <summary>
/// Starts <see cref="SweepWorker"/> as <c>dotnet Cleanup.Bench.dll --sweep-worker</c> against the emulator,
/// with a clean AWS environment, drains its log and watches its peak resident set until it exits.
/// </summary>
internal static class SweepWorkerProcess
{
    public static async Task<WorkerRun> RunAsync(AwsEmulator emulator, int maxDeletions, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(SweepWorker).Assembly.Location);
        start.ArgumentList.Add(SweepWorker.Flag);

        // Nothing of the caller's AWS setup may leak in: the sweep must reach the emulator and nothing else.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("CLEANUP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ENDPOINT_URL"] = emulator.Url.ToString().TrimEnd('/');
        start.Environment["AWS_REGION"] = emulator.Options.Region;
        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment[EnvironmentOptions.AccountIdVariable] = emulator.Options.AccountId;
        // The brake is opened to the fleet size: this measures the work a sweep does, not the brake.
        start.Environment[EnvironmentOptions.MaxDeletionsVariable] = maxDeletions.ToString(CultureInfo.InvariantCulture);
        // As deployed: the sweep function takes the lease, and has the template's default timeout.
        start.Environment[EnvironmentOptions.SweepLeaseVariable] = SweepBench.LeaseName;
        start.Environment[EnvironmentOptions.TimeoutVariable] = "60";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the sweep worker did not start");
        var peak = ProcessMemory.WatchPeakAsync(process, cancellationToken);
        var log = CountAsync(process.StandardOutput.BaseStream, cancellationToken);
        var report = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var wall = watch.Elapsed;
        var (logBytes, logLines, metricLines) = await log;
        var lines = (await report).Split('\n');
        var answer = string.Join('\n', lines.Where(l => !l.StartsWith(SweepWorker.FigurePrefix, StringComparison.Ordinal))).Trim();
        var reported = Figure(lines, "peak-rss-bytes");
        var polled = await peak;
        var gc = lines.FirstOrDefault(l => l.StartsWith($"{SweepWorker.FigurePrefix}gc ", StringComparison.Ordinal))?[(SweepWorker.FigurePrefix.Length + 3)..].Trim();
        return new WorkerRun(process.ExitCode, Math.Max(reported ?? 0, polled ?? 0) is > 0 and var p ? p : null, Figure(lines, "sweep-ms"), wall, answer, logBytes, logLines, gc)
        {
            MetricLines = metricLines,
        };
    }

    // The running dotnet host when this is one; under a test host, the one the SDK names.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static long? Figure(IEnumerable<string> lines, string name) => lines
        .Where(l => l.StartsWith($"{SweepWorker.FigurePrefix}{name} ", StringComparison.Ordinal))
        .Select(l => long.TryParse(l[(name.Length + 2)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (long?)null)
        .FirstOrDefault();

    // Lambda ships stdout to CloudWatch Logs; here it is only counted (and its few metric lines kept), so the pipe
    // never fills and blocks the child.
    private static async Task<(long Bytes, long Lines, List<string> MetricLines)> CountAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var line = new List<byte>();
        var metricLines = new List<string>();
        long bytes = 0, lines = 0;
        int read;
        while ((read = await stdout.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b != (byte)'\n')
                {
                    line.Add(b);
                    continue;
                }

                lines++;
                var text = System.Text.Encoding.UTF8.GetString([.. line]);
                if (text.Contains("\"_aws\"", StringComparison.Ordinal))
                {
                    metricLines.Add(text);
                }

                line.Clear();
            }
        }

        return (bytes, lines, metricLines);
    }
}
