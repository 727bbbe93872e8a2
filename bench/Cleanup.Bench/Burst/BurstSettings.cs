using System.Globalization;
using Cleanup.Emulator;

namespace Cleanup.Bench.Burst;

/// <summary>
/// The burst bench's flags. The mapping's defaults are the template's (BatchSize 100, MaximumConcurrency 2,
/// MaxReceiveCount 5); its times are in real bench seconds, scaled down so that retries happen within the run.
/// </summary>
public sealed record BurstSettings
{
    public const string Usage =
        "usage: " + BenchCommand.Invocation + " --burst [--tasks N] [--rate-limit R[,burst]] [--batch-size B] [--window S] [--max-concurrency C] [--visibility S] [--max-receive M] [--max-deletions N] [--timeout S]";

    public int Tasks { get; init; } = 1000;

    public RateLimit RateLimit { get; init; } = new(50);

    public int BatchSize { get; init; } = 100;

    /// <summary>The template's 30 s window scaled by the same factor as its 390 s visibility timeout (to 15 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30.0 * 15 / 390);

    public int MaximumConcurrency { get; init; } = 2;

    /// <summary>
    /// Long enough that a batch is not handed out again while still being handled (a 100-task batch takes about
    /// 8 s against 50 calls/s; in AWS the rule is ≥ 6 × the function timeout), short enough that a returned
    /// message comes back within the run.
    /// </summary>
    public TimeSpan Visibility { get; init; } = TimeSpan.FromSeconds(15);

    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>The brake's MaxDeletionsPerRun (CLEANUP_MAX_DELETIONS_PER_RUN); the template's 100 by default.</summary>
    public int MaxDeletionsPerRun { get; init; } = new Cleanup.Options.SweepSettings().MaxDeletionsPerRun;

    /// <summary>The function timeout the runner budgets against (CLEANUP_TIMEOUT_SECONDS); none by default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The settings, or null and the problem.</summary>
    public static (BurstSettings? Settings, string Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new BurstSettings();
        if (args.Count % 2 != 0)
        {
            return (null, Usage);
        }

        for (var i = 0; i < args.Count; i += 2)
        {
            var value = args[i + 1];
            (settings, var error) = args[i] switch
            {
                "--tasks" => Whole(value, 1, 20000) is { } n ? (settings with { Tasks = n }, null) : (settings, "--tasks must be a whole number from 1 to 20000"),
                "--rate-limit" => ParseRateLimit(value) is { } r ? (settings with { RateLimit = r }, null) : (settings, "--rate-limit must be R[,burst]: R calls per second (a positive number), burst a positive whole number"),
                "--batch-size" => Whole(value, 1, 10000) is { } b ? (settings with { BatchSize = b }, null) : (settings, "--batch-size must be a whole number from 1 to 10000"),
                "--window" => Seconds(value, 0, 300) is { } w ? (settings with { Window = w }, null) : (settings, "--window must be seconds from 0 to 300"),
                "--max-concurrency" => Whole(value, 2, 1000) is { } c ? (settings with { MaximumConcurrency = c }, null) : (settings, "--max-concurrency must be a whole number from 2 to 1000 (Lambda's range)"),
                "--visibility" => Seconds(value, 0.1, 43200) is { } v ? (settings with { Visibility = v }, null) : (settings, "--visibility must be seconds from 0.1 to 43200"),
                "--max-receive" => Whole(value, 1, 1000) is { } m ? (settings with { MaxReceiveCount = m }, null) : (settings, "--max-receive must be a whole number from 1 to 1000"),
                "--max-deletions" => Whole(value, 0, 100000) is { } d ? (settings with { MaxDeletionsPerRun = d }, null) : (settings, "--max-deletions must be a whole number from 0 to 100000"),
                "--timeout" => Whole(value, 3, 900) is { } t ? (settings with { Timeout = TimeSpan.FromSeconds(t) }, null) : (settings, "--timeout must be whole seconds from 3 to 900"),
                _ => (settings, Usage),
            };
            if (error is not null)
            {
                return (null, error);
            }
        }

        return (settings, string.Empty);
    }

    private static int? Whole(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    private static TimeSpan? Seconds(string value, double min, double max) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s >= min && s <= max
            ? TimeSpan.FromSeconds(s)
            : null;

    private static RateLimit? ParseRateLimit(string value)
    {
        var parts = value.Split(',');
        if (parts.Length > 2
            || !double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var perSecond)
            || !double.IsFinite(perSecond) || perSecond <= 0)
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return new RateLimit(perSecond);
        }

        return Whole(parts[1], 1, int.MaxValue) is { } burst ? new RateLimit(perSecond, burst) : null;
    }
}
