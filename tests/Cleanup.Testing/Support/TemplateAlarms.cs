using System.Text.RegularExpressions;
using Cleanup.Report;

namespace Cleanup.Tests.Support;

/// <summary>
/// The Cleanup-namespace metric each alarm of template.yaml watches, as the series the code must emit: the dashboard
/// tests check the template against it, the metric budget tests check what a run emits against it.
/// </summary>
public static partial class TemplateAlarms
{
    public static IEnumerable<EmfSeries> CleanupMetrics()
    {
        var resources = TemplateText.Load(Repo.Path("template.yaml"))["Resources"];
        foreach (var alarm in resources.Keys.Where(k => resources[k].Scalar("Type") == "AWS::CloudWatch::Alarm"))
        {
            foreach (Match m in AlarmMetric().Matches(resources[alarm].ToString()))
            {
                yield return new EmfSeries(RunLog.MetricNamespace, m.Groups["name"].Value, $"{m.Groups["dimension"].Value}={m.Groups["value"].Value}");
            }
        }
    }

    [GeneratedRegex(@"Namespace: Cleanup\s+MetricName: (?<name>\w+)\s+Dimensions:\s+- Name: (?<dimension>\w+)\s+Value: (?<value>\w+)")]
    private static partial Regex AlarmMetric();
}
