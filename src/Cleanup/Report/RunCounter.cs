namespace Cleanup.Report;

/// <summary>Where a counter is a metric by default; <see cref="Options.MetricDetail.Detailed"/> emits every counter.</summary>
[Flags]
public enum DefaultMetric
{
    /// <summary>Only with detailed metrics.</summary>
    None = 0,

    /// <summary>Per trigger, for the sweep function (Trigger=Sweep).</summary>
    Sweep = 1,

    /// <summary>Per trigger, for the event function (Trigger=TaskStopped).</summary>
    TaskStopped = 2,

    /// <summary>Without a dimension: both functions added up.</summary>
    Total = 4,
}

/// <summary>
/// One count of a run: its name (on the "run finished" line and as a metric), how it is counted from a
/// <see cref="RunResult"/>, whether it is a default metric, its EMF unit, and whether the result's summary shows it
/// (under the same name, camel-cased).
/// </summary>
public sealed record RunCounter(string Name, Func<RunResult, double> Count, DefaultMetric Default = DefaultMetric.None, bool InSummary = false, string Unit = "Count")
{
    public string SummaryName => string.Concat(Name[..1].ToLowerInvariant(), Name.AsSpan(1));
}
