using System.Globalization;
using Cleanup.Execute;
using Cleanup.Report;

namespace Cleanup.Cli.Demo;

/// <summary>The sweep's decisions as a table a person reads before turning deletion on.</summary>
public static class SweepReport
{
    public static async Task WriteAsync(TextWriter output, RunResult result)
    {
        await output.WriteLineAsync($"{"ITEM",-38} {"KIND",-10} {"TASK",-44} {"STATUS SOURCE",-18} {"AGE",-7} {"DECISION",-13} REASON");
        foreach (var item in result.Items.OrderBy(i => i.Decision.Kind).ThenBy(i => i.Decision.Reason, StringComparer.Ordinal).ThenBy(i => i.Decision.ResourceId, StringComparer.Ordinal))
        {
            var d = item.Decision;
            var source = d.Evidence.TryGetValue("ecs.statusSource", out var s) ? $"{s}:{d.Evidence.GetValueOrDefault("ecs.state", "?")}" : "-";
            var age = d.Evidence.TryGetValue("nodeAgeSeconds", out var seconds) ? Age(seconds) : "-";
            await output.WriteLineAsync($"{d.ResourceId,-38} {Names.Of(d.Kind),-10} {Task(d.TaskArn),-44} {source,-18} {age,-7} {Names.Of(item.Status),-13} {d.Reason}");
        }

        var removing = result.Items.Count(i => i.Decision.Removes);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{result.Items.Count} items: {removing} to remove, {result.Count(OutcomeStatus.Kept)} kept. {Names.Of(result.Status)}: {result.Message}");
        if (result.Brake is { } brake)
        {
            await output.WriteLineAsync($"brake: {brake.Explanation}");
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"dead nodes: {result.DeadNodeHours:F1} node-hours since they were last known alive, about ${result.DeadNodeCost:F2} at ${result.NodeHourPrice} per advanced node-hour"));
    }

    private static string Task(string? arn) => arn is null ? "-" : arn[(arn.IndexOf(":task/", StringComparison.Ordinal) + 6)..];

    private static string Age(string seconds)
    {
        var span = TimeSpan.FromSeconds(long.Parse(seconds, CultureInfo.InvariantCulture));
        return span.TotalHours >= 48 ? $"{(int)span.TotalDays}d" : span.TotalMinutes >= 120 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalMinutes}m";
    }
}
