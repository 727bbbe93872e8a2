using System.Text.Json;

namespace Cleanup.Tests.Support;

/// <summary>
/// One CloudWatch metric as CloudWatch bills it: namespace, name, and the dimensions with their values
/// ("Trigger=Sweep", or empty for none). Read from what a log's EMF objects would make CloudWatch create.
/// </summary>
public sealed record EmfSeries(string Namespace, string Name, string Dimensions)
{
    public override string ToString() => $"{Namespace}/{Name}[{Dimensions}]";

    public static HashSet<EmfSeries> In(string log)
    {
        var series = new HashSet<EmfSeries>();
        foreach (var line in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            if (!json.RootElement.TryGetProperty("_aws", out var aws))
            {
                continue;
            }

            foreach (var directive in aws.GetProperty("CloudWatchMetrics").EnumerateArray())
            {
                var space = directive.GetProperty("Namespace").GetString()!;
                foreach (var set in directive.GetProperty("Dimensions").EnumerateArray())
                {
                    var dimensions = string.Join(',', set.EnumerateArray()
                        .Select(d => d.GetString()!)
                        .Order(StringComparer.Ordinal)
                        .Select(d => $"{d}={json.RootElement.GetProperty(d).GetString()}"));
                    foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
                    {
                        series.Add(new EmfSeries(space, metric.GetProperty("Name").GetString()!, dimensions));
                    }
                }
            }
        }

        return series;
    }

    /// <summary>The dimension names alone, as a SEARCH schema lists them: "Trigger,Reason" sorted.</summary>
    public string DimensionNames => string.Join(',', Dimensions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => d.Split('=')[0]).Order(StringComparer.Ordinal));
}
