using System.Text.Json;
using System.Text.RegularExpressions;
using Cleanup.Emulator;
using Cleanup.Execute;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The dashboard's body (a JSON string under Fn::Sub in template.yaml) is valid JSON once CloudFormation has
/// substituted it, and every metric it (or an alarm) reads from the Cleanup namespace is one the code emits, with
/// the dimensions (and values) the code gives it: by default, except in a widget whose title says it needs
/// MetricDetail=detailed. The emitted series are read from what <see cref="RunLog"/> writes, not from a second list.
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
    public void Dashboard_NamesOnlyDefaultMetrics_ExceptInWidgetsLabelledDetailed()
    {
        var defaults = EmittedSeries(MetricDetail.Default);
        var detailed = EmittedSeries(MetricDetail.Detailed);
        var used = DashboardCleanupMetrics().ToList();

        Assert.Contains(used, u => u.Name == "KeptByReason" && u.Detailed);
        Assert.Contains(used, u => u.Name == "DeadNodeHours" && !u.Detailed);
        Assert.All(used, u =>
        {
            var emitted = u.Detailed ? detailed : defaults;
            Assert.True(
                u.Dimensions is { } exact
                    ? emitted.Contains(new EmfSeries(RunLog.MetricNamespace, u.Name, exact))
                    : emitted.Any(e => e.Name == u.Name && e.DimensionNames == u.DimensionNames),
                $"{u.Name} [{u.Dimensions ?? u.DimensionNames}] is not among the {(u.Detailed ? "detailed" : "default")} metrics: {string.Join(", ", emitted)}");
        });
    }

    [Fact]
    public void Alarms_WatchOnlyDefaultMetrics()
    {
        var defaults = EmittedSeries(MetricDetail.Default);

        var watched = TemplateAlarms.CleanupMetrics().ToList();

        Assert.NotEmpty(watched);
        Assert.All(watched, w => Assert.Contains(w, defaults));
    }

    // ---------------------------------------------------------------------------------------------------------

    // The series RunLog writes in EMF for a sweep and an event run that kept, removed and failed items.
    private static HashSet<EmfSeries> EmittedSeries(MetricDetail detail)
    {
        using var log = new StringWriter();
        Decision Node(string id, PlannedAction action, string reason) =>
            new(ResourceKind.Node, id, action, reason, "arn:aws:ecs:us-east-1:123456789012:task/c/abc", new Dictionary<string, string>());
        foreach (var trigger in new[] { "Sweep", "TaskStopped" })
        {
            var result = new RunResult(RunStatus.Succeeded, "sample", false, "event-1", trigger, [
                new ItemOutcome(Node("mi-1", PlannedAction.Keep, Reasons.TaskStatusUnknown), OutcomeStatus.Kept),
                new ItemOutcome(Node("mi-2", PlannedAction.Deregister, Reasons.TaskStopped), OutcomeStatus.Removed),
            ]);
            new RunLog(log, new ManualClock(EmulatorHarness.Start), metrics: detail).WriteRun(result);
        }

        var emitted = EmfSeries.In(log.ToString());
        Assert.All(emitted, e => Assert.Equal(RunLog.MetricNamespace, e.Namespace));
        return emitted;
    }

    /// <summary>
    /// A Cleanup metric the dashboard reads: with its dimension values when the row names them, or only the dimension
    /// names of a SEARCH; Detailed when its widget's title says it needs MetricDetail=detailed.
    /// </summary>
    private sealed record UsedMetric(string Name, string? Dimensions, string DimensionNames, bool Detailed);

    private static IEnumerable<UsedMetric> DashboardCleanupMetrics()
    {
        using var body = JsonDocument.Parse(Substituted());
        var found = new List<UsedMetric>();
        foreach (var widget in body.RootElement.GetProperty("widgets").EnumerateArray())
        {
            var properties = widget.GetProperty("properties");
            if (!properties.TryGetProperty("metrics", out var metrics))
            {
                continue;
            }

            var detailed = properties.GetProperty("title").GetString()!.Contains("MetricDetail=detailed", StringComparison.Ordinal);
            foreach (var row in metrics.EnumerateArray())
            {
                var items = row.EnumerateArray().ToList();
                if (items[0].ValueKind == JsonValueKind.String && items[0].GetString() == RunLog.MetricNamespace)
                {
                    // [namespace, metric, dimension name, dimension value, ..., {options}]
                    var strings = items.TakeWhile(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList();
                    Assert.NotEqual("...", strings[1]);
                    var pairs = strings.Skip(2).Chunk(2).Select(p => (Name: p[0], Value: p[1])).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
                    found.Add(new(strings[1], string.Join(',', pairs.Select(p => $"{p.Name}={p.Value}")), string.Join(',', pairs.Select(p => p.Name)), detailed));
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
                        found.Add(new(name.Groups[1].Value, null, string.Join(',', schema.Skip(1).Order(StringComparer.Ordinal)), detailed));
                    }
                }
            }
        }

        return found;
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
}
