namespace Cleanup.Options;

/// <summary>
/// How many CloudWatch metrics a run emits (CLEANUP_METRICS). Each metric name, dimension set and dimension values
/// is one custom metric, billed monthly; the default set fits CloudWatch's free tier of 10.
/// </summary>
public enum MetricDetail
{
    /// <summary>At most 10 series: what the template's alarms and dashboard read (<see cref="Report.RunMetrics"/>).</summary>
    Default,

    /// <summary>Every count per trigger, and one kept-by-reason series per trigger and reason.</summary>
    Detailed,
}
