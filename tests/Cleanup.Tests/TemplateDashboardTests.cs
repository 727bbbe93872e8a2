using System.Text.Json;
using System.Text.RegularExpressions;
using Cleanup.Emulator;
using Cleanup.Execute;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The dashboard's body (a JSON string under Fn::Sub in template.yaml) is valid JSON once CloudFormation has
/// substituted it, and every metric it (or an alarm) reads from the Cleanup namespace is one the code emits, with
/// the dimensions the code gives it. The emitted names are read from what <see cref="RunLog"/> writes, not from a
/// second list.
/// </summary>
public partial class TemplateDashboardTests
{
    private static readonly string _path = Repo.Path("template.yaml");
    private static readonly TemplateText _template = TemplateText.Load(_path);

    [Fact]
    public void Dashboard_IsACloudWatchDashboardNamedPerStackAndRegion_CreatedUnlessTurnedOff()
    {
        var dashboard = _template["Resources"]["Dashboard"];

        Assert.Equal("AWS::CloudWatch::Dashboard", dashboard.Scalar("Type"));
        Assert.Equal("HasDashboard", dashboard.Scalar("Condition"));
        Assert.Equal("!Equals [!Ref CreateDashboard, \"true\"]", _template["Conditions"].Scalar("HasDashboard"));
        Assert.Equal("true", _template["Parameters"]["CreateDashboard"].Scalar("Default"));
        Assert.Equal("!Sub ${AWS::StackName}-${AWS::Region}", dashboard["Properties"].Scalar("DashboardName"));
    }

    [Fact]
    public void DashboardBody_AfterSubstitution_IsValidJsonWithWidgets()
    {
        using var body = JsonDocument.Parse(Substituted());

        var widgets = body.RootElement.GetProperty("widgets").EnumerateArray().ToList();
        Assert.True(widgets.Count >= 8, $"{widgets.Count} widgets");
        Assert.All(widgets, w => Assert.Contains(w.GetProperty("type").GetString(), new[] { "metric", "text" }));
    }

    [Fact]
    public void DashboardBody_NamesOnlyResourcesAndParametersOfTheTemplate()
    {
        var parameters = _template["Parameters"].Keys.ToHashSet(StringComparer.Ordinal);
        var resources = _template["Resources"].Keys.ToHashSet(StringComparer.Ordinal);

        Assert.All(Placeholder().Matches(RawBody()).Select(m => m.Groups[1].Value), name =>
            Assert.True(
                name.StartsWith("AWS::", StringComparison.Ordinal) || parameters.Contains(name) || resources.Contains(name.Split('.')[0]),
                name));
    }

    [Fact]
    public void DashboardBody_ShowsWhatOperatorsAsk()
    {
        var body = Substituted();

        foreach (var expected in new[]
        {
            "KeptByReason", "{Cleanup,Trigger,Reason}", "BrakeTripped", "UnknownEvidence", "DeadNodeHours",
            "hours * 0.00695", "NodesDeregistered", "ActivationsDeleted",
            "\"ApproximateNumberOfMessagesVisible\", \"QueueName\", \"dummy-EventQueue.QueueName\"",
            "\"ApproximateAgeOfOldestMessage\", \"QueueName\", \"dummy-EventQueue.QueueName\"",
            "\"ApproximateNumberOfMessagesVisible\", \"QueueName\", \"dummy-EventDeadLetterQueue.QueueName\"",
            "\"ApproximateAgeOfOldestMessage\", \"QueueName\", \"dummy-EventDeadLetterQueue.QueueName\"",
            "\"Errors\", \"FunctionName\", \"dummy-CleanupFunction\"", "\"Errors\", \"FunctionName\", \"dummy-SweepFunction\"",
            "\"Duration\", \"FunctionName\", \"dummy-CleanupFunction\"", "\"Duration\", \"FunctionName\", \"dummy-SweepFunction\"",
        })
        {
            Assert.Contains(expected, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DashboardAndAlarms_UseOnlyCleanupMetricsTheCodeEmits_WithTheCodesDimensions()
    {
        var emitted = EmittedMetrics();
        var used = DashboardCleanupMetrics().Concat(AlarmCleanupMetrics()).ToList();

        Assert.Contains(used, u => u.Name == "KeptByReason");
        Assert.Contains(used, u => u.Name == "DeadNodeHours");
        Assert.All(used, u =>
        {
            Assert.True(emitted.TryGetValue(u.Name, out var dimensions), $"the code emits no metric {u.Name} in namespace {RunLog.MetricNamespace}");
            Assert.Contains(u.Dimensions, dimensions);
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    // The metric names and dimension sets RunLog writes in EMF, for a sweep that kept, removed and failed items.
    private static Dictionary<string, HashSet<string>> EmittedMetrics()
    {
        using var log = new StringWriter();
        Decision Node(string id, PlannedAction action, string reason) =>
            new(ResourceKind.Node, id, action, reason, "arn:aws:ecs:us-east-1:123456789012:task/c/abc", new Dictionary<string, string>());
        var result = new RunResult(RunStatus.Succeeded, "sample", false, "event-1", "Sweep", [], [
            new ItemOutcome(Node("mi-1", PlannedAction.Keep, Reasons.TaskStatusUnknown), OutcomeStatus.Kept),
            new ItemOutcome(Node("mi-2", PlannedAction.Deregister, Reasons.TaskStopped), OutcomeStatus.Removed),
        ]);

        new RunLog(log, new ManualClock(EmulatorHarness.Start)).WriteRun(result);

        var emitted = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            if (!json.RootElement.TryGetProperty("_aws", out var aws))
            {
                continue;
            }

            foreach (var directive in aws.GetProperty("CloudWatchMetrics").EnumerateArray())
            {
                Assert.Equal(RunLog.MetricNamespace, directive.GetProperty("Namespace").GetString());
                var dimensionSets = directive.GetProperty("Dimensions").EnumerateArray()
                    .Select(set => string.Join(',', set.EnumerateArray().Select(d => d.GetString()).Order(StringComparer.Ordinal)))
                    .ToList();
                foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
                {
                    var name = metric.GetProperty("Name").GetString()!;
                    if (!emitted.TryGetValue(name, out var sets))
                    {
                        emitted[name] = sets = new HashSet<string>(StringComparer.Ordinal);
                    }

                    sets.UnionWith(dimensionSets);
                }
            }
        }

        Assert.Contains("KeptByReason", emitted.Keys);
        return emitted;
    }

    private static IEnumerable<(string Name, string Dimensions)> DashboardCleanupMetrics()
    {
        using var body = JsonDocument.Parse(Substituted());
        var found = new List<(string, string)>();
        foreach (var widget in body.RootElement.GetProperty("widgets").EnumerateArray())
        {
            if (!widget.GetProperty("properties").TryGetProperty("metrics", out var metrics))
            {
                continue;
            }

            foreach (var row in metrics.EnumerateArray())
            {
                var items = row.EnumerateArray().ToList();
                if (items[0].ValueKind == JsonValueKind.String && items[0].GetString() == RunLog.MetricNamespace)
                {
                    // [namespace, metric, dimension name, dimension value, ..., {options}]
                    var strings = items.TakeWhile(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList();
                    Assert.NotEqual("...", strings[1]);
                    var dimensionNames = strings.Skip(2).Where((_, i) => i % 2 == 0).Order(StringComparer.Ordinal);
                    found.Add((strings[1], string.Join(',', dimensionNames)));
                }
                else if (items[0].ValueKind == JsonValueKind.Object && items[0].TryGetProperty("expression", out var expression))
                {
                    var text = expression.GetString()!;
                    foreach (Match search in Search().Matches(text))
                    {
                        var schema = search.Groups["schema"].Value.Split(',', StringSplitOptions.TrimEntries);
                        if (schema[0] != RunLog.MetricNamespace)
                        {
                            continue;
                        }

                        var name = SearchMetricName().Match(search.Groups["terms"].Value);
                        Assert.True(name.Success, $"a SEARCH of the Cleanup namespace names no MetricName: {text}");
                        found.Add((name.Groups[1].Value, string.Join(',', schema.Skip(1).Order(StringComparer.Ordinal))));
                    }
                }
            }
        }

        return found;
    }

    private static IEnumerable<(string Name, string Dimensions)> AlarmCleanupMetrics()
    {
        var resources = _template["Resources"];
        foreach (var alarm in resources.Keys.Where(k => resources[k].Scalar("Type") == "AWS::CloudWatch::Alarm"))
        {
            foreach (Match m in AlarmMetric().Matches(resources[alarm].ToString()))
            {
                yield return (m.Groups["name"].Value, m.Groups["dimension"].Value);
            }
        }
    }

    // The text under "DashboardBody: !Sub |", as written.
    private static string RawBody()
    {
        var lines = File.ReadAllText(_path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "DashboardBody: !Sub |");
        Assert.True(start >= 0, "DashboardBody: !Sub | not found");
        var indent = lines[start].Length - lines[start].TrimStart().Length;
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l.Trim().Length == 0 || l.Length - l.TrimStart().Length > indent));
    }

    // What CloudFormation would make of it: a parameter becomes its default, anything else a dummy string.
    private static string Substituted()
    {
        var parameters = _template["Parameters"];
        var text = Placeholder().Replace(RawBody(), m =>
        {
            var name = m.Groups[1].Value;
            return parameters.Has(name) && parameters[name].Has("Default") ? parameters[name].Scalar("Default") : "dummy-" + name;
        });
        Assert.DoesNotContain("${", text, StringComparison.Ordinal);
        return text;
    }

    [GeneratedRegex(@"\$\{([^}!][^}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"SEARCH\(\s*'\{(?<schema>[^}]*)\}(?<terms>[^']*)'")]
    private static partial Regex Search();

    [GeneratedRegex("MetricName=\"([^\"]+)\"")]
    private static partial Regex SearchMetricName();

    [GeneratedRegex(@"Namespace: Cleanup\s+MetricName: (?<name>\w+)\s+Dimensions:\s+- Name: (?<dimension>\w+)")]
    private static partial Regex AlarmMetric();
}
