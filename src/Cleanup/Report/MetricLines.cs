using System.Text.Json;
using Cleanup.Options;

namespace Cleanup.Report;

/// <summary>
/// A run's metrics as CloudWatch Embedded Metric Format objects: one for the run, and (detailed only) one per kept
/// reason, because a dimension value is per object. Which counters they carry is <see cref="RunMetrics"/>' choice.
/// </summary>
internal static class MetricLines
{
    public const string Namespace = "Cleanup";

    public static void Write(JsonLines lines, long timestamp, RunResult result, MetricDetail detail)
    {
        var directives = RunMetrics.Directives(result, detail);
        if (directives.Count > 0)
        {
            var values = RunMetrics.Values(result).ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
            lines.Write(json =>
            {
                WriteEmf(json, timestamp, directives, RunMetrics.TriggerValue(result), null);
                foreach (var name in directives.SelectMany(d => d.Metrics).Distinct(StringComparer.Ordinal))
                {
                    json.WriteNumber(name, values[name]);
                }
            });
        }

        foreach (var (reason, count) in RunMetrics.KeptByReason(result, detail))
        {
            lines.Write(json =>
            {
                WriteEmf(json, timestamp, [new([[RunMetrics.TriggerDimension, RunMetrics.ReasonDimension]], ["KeptByReason"])], RunMetrics.TriggerValue(result), reason);
                json.WriteNumber("KeptByReason", count);
            });
        }
    }

    private static void WriteEmf(Utf8JsonWriter json, long timestamp, IReadOnlyList<MetricDirective> directives, string trigger, string? reason)
    {
        json.WriteStartObject("_aws");
        json.WriteNumber("Timestamp", timestamp);
        json.WriteStartArray("CloudWatchMetrics");
        foreach (var directive in directives)
        {
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            foreach (var set in directive.DimensionSets)
            {
                json.WriteStartArray();
                foreach (var dimension in set)
                {
                    json.WriteStringValue(dimension);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var name in directive.Metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", RunCounters.UnitOf(name));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString(RunMetrics.TriggerDimension, trigger);
        if (reason is not null)
        {
            json.WriteString(RunMetrics.ReasonDimension, reason);
        }
    }
}
