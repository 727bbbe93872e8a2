using System.Globalization;
using Cleanup.Execute;
using Cleanup.Plan;
using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>
/// A run's result as a person reads it: one row per item that changed, failed or needs attention, the routine keeps
/// counted by reason, then the status. A fleet of thousands of live nodes prints a few lines; the full result is
/// `--output json`.
/// </summary>
internal static class ResultTable
{
    // The same line as the decision log's (SteadyKeeps): what the log only counts, the table only counts, and every
    // other keep (a contradiction or a blind spot someone may have to look at) gets its row in both.
    public static bool IsListed(ItemOutcome item) => !SteadyKeeps.Contains(item);

    public static async Task WriteAsync(TextWriter output, RunResult result)
    {
        var rows = result.Items.Where(IsListed)
            .OrderBy(i => i.Status == OutcomeStatus.Kept)
            .ThenBy(i => i.Decision.Kind)
            .ThenBy(i => i.Decision.Reason, StringComparer.Ordinal)
            .ThenBy(i => i.Decision.ResourceId, StringComparer.Ordinal)
            .Select(Row)
            .ToList();
        if (rows.Count > 0)
        {
            string[] header = ["ITEM", "KIND", "TASK", "STATUS SOURCE", "AGE", "OUTCOME", "REASON"];
            var widths = header.Select((h, c) => rows.Max(r => r[c].Length) is var w && w > h.Length ? w : h.Length).ToArray();
            await output.WriteLineAsync(Line(header, widths));
            foreach (var row in rows)
            {
                await output.WriteLineAsync(Line(row, widths));
            }

            await output.WriteLineAsync();
        }

        var routine = result.Items.Where(i => !IsListed(i)).GroupBy(i => i.Decision.Reason, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))
            .ToList();
        if (routine.Count > 0)
        {
            await output.WriteLineAsync($"kept, not listed: {string.Join(", ", routine)}");
        }

        foreach (var task in result.Tasks)
        {
            await output.WriteLineAsync($"task {TaskId(task.TaskArn)}: ECS {task.EcsState}, {(task.Settled ? "settled" : task.DeferredByBrake ? "deferred by the brake" : "NOT settled")}: {task.Detail}");
        }

        if (result.Brake is { } brake && (brake.Tripped || brake.DeferredTasks.Count > 0))
        {
            await output.WriteLineAsync($"brake: {brake.Explanation}");
        }

        if (result.Items.Any(i => i.Decision.Kind == ResourceKind.Node && i.Decision.Removes))
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"dead nodes: {result.DeadNodeHours:F1} node-hours since they were last known alive, about ${result.DeadNodeCost:F2} at ${result.NodeHourPrice} per advanced node-hour"));
        }

        await output.WriteLineAsync(StatusLine(result));
    }

    /// <summary>The one line that says how the run ended (all that --quiet prints).</summary>
    public static string StatusLine(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = $"{Names.Of(result.Status)}: {OneLine(result.Message)}";
        var line = result.Items.Count == 0
            ? status
            : string.Create(CultureInfo.InvariantCulture, $"{result.Items.Count} items: {result.Items.Count(i => i.Decision.Removes)} to remove, {result.Count(OutcomeStatus.Kept)} kept. {status}");
        return result.BatchResponse?.ItemIdentifiers is { } failed
            ? $"{line}; queue: {(failed.Count == 0 ? "no message comes back" : $"{failed.Count} message(s) come back ({string.Join(", ", failed)})")}"
            : line;
    }

    private static string[] Row(ItemOutcome item)
    {
        var d = item.Decision;
        var source = d.Evidence.TryGetValue("ecs.statusSource", out var s) ? $"{s}:{d.Evidence.GetValueOrDefault("ecs.state", "?")}" : "-";
        var age = d.Evidence.TryGetValue("nodeAgeSeconds", out var seconds) ? Age(seconds) : "-";
        var reason = item.ErrorCode is null ? d.Reason : $"{d.Reason}: {item.ErrorCode}: {OneLine(item.ErrorMessage ?? string.Empty)}";
        return [d.ResourceId, Names.Of(d.Kind), d.TaskArn is null ? "-" : TaskId(d.TaskArn), source, age, Names.Of(item.Status), reason];
    }

    // The last column is not padded: a long failure message does not widen every row.
    private static string Line(string[] cells, int[] widths) =>
        string.Join(' ', cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static string TaskId(string arn) => arn.Contains(":task/", StringComparison.Ordinal) ? arn[(arn.IndexOf(":task/", StringComparison.Ordinal) + 6)..] : arn;

    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Age(string seconds)
    {
        var span = TimeSpan.FromSeconds(long.Parse(seconds, CultureInfo.InvariantCulture));
        return span.TotalHours >= 48 ? $"{(int)span.TotalDays}d" : span.TotalMinutes >= 120 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalMinutes}m";
    }
}
