using System.Text;
using System.Text.Json;
using Cleanup.Batch;
using Cleanup.Execute;
using Cleanup.Plan;

namespace Cleanup.Report;

/// <summary>
/// The result as JSON. The CLI prints it whole (every decision); the handler returns only the summary, whose size does
/// not grow with the fleet (Lambda caps a response at 6 MB). An SQS batch is answered with its
/// <see cref="Batch.SqsBatchResponse"/> instead.
/// </summary>
public static class RunResultJson
{
    public static string Serialize(RunResult result) => Serialize(result, includeItems: true);

    public static string Serialize(RunResult result, bool includeItems)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", Names.Of(result.Status));
            json.WriteString("message", result.Message);
            json.WriteBoolean("dryRun", result.DryRun);
            WriteNullable(json, "eventId", result.EventId);
            WriteNullable(json, "trigger", result.Trigger);
            json.WriteStartObject("summary");
            foreach (var counter in RunCounters.All.Where(c => c.InSummary))
            {
                json.WriteNumber(counter.SummaryName, counter.Count(result));
            }

            json.WriteNumber("heldByBrake", result.Count(OutcomeStatus.Braked));
            json.WriteNumber("deadNodeCostUsd", result.DeadNodeCost);
            json.WriteNumber("tasks", result.Tasks.Count);
            json.WriteEndObject();
            WriteCounts(json, "byReason", result.Items.GroupBy(i => $"{Names.Of(i.Decision.Kind)}:{Names.Of(i.Status)}:{i.Decision.Reason}"));
            if (result.Brake is { } brake)
            {
                json.WriteStartObject("brake");
                json.WriteBoolean("tripped", brake.Tripped);
                json.WriteNumber("nodeRemovals", brake.NodeRemovals);
                json.WriteNumber("ownedNodes", brake.OwnedNodes);
                json.WriteNumber("tasksTripped", brake.TrippedTasks.Count);
                json.WriteNumber("tasksDeferred", brake.DeferredTasks.Count);
                json.WriteString("explanation", brake.Explanation);
                json.WriteEndObject();
            }

            if (includeItems)
            {
                WriteTasks(json, result.Tasks);
                json.WriteStartArray("items");
                foreach (var item in result.Items)
                {
                    WriteItem(json, item);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One item's fields; shared with the decision log so both say the same thing the same way.</summary>
    public static void WriteItemFields(Utf8JsonWriter json, ItemOutcome item)
    {
        var decision = item.Decision;
        json.WriteString("kind", Names.Of(decision.Kind));
        json.WriteString("id", decision.ResourceId);
        json.WriteString("action", Names.Of(decision.Action));
        json.WriteString("outcome", Names.Of(item.Status));
        json.WriteString("reason", decision.Reason);
        WriteNullable(json, "taskArn", decision.TaskArn);
        if (item.ErrorCode is not null)
        {
            json.WriteStartObject("error");
            json.WriteString("code", item.ErrorCode);
            WriteNullable(json, "message", item.ErrorMessage);
            json.WriteEndObject();
        }

        json.WriteStartObject("evidence");
        foreach (var (key, value) in decision.Evidence)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    // Keys are KIND:OUTCOME:REASON: a bounded set (the reasons are constants), so the summary stays small.
    private static void WriteCounts(Utf8JsonWriter json, string name, IEnumerable<IGrouping<string, ItemOutcome>> groups)
    {
        json.WriteStartObject(name);
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(group.Key, group.Count());
        }

        json.WriteEndObject();
    }

    private static void WriteTasks(Utf8JsonWriter json, IReadOnlyList<TaskSettlement> tasks)
    {
        json.WriteStartArray("tasks");
        foreach (var task in tasks)
        {
            json.WriteStartObject();
            json.WriteString("taskArn", task.TaskArn);
            json.WriteString("ecsState", task.EcsState);
            json.WriteBoolean("settled", task.Settled);
            json.WriteString("detail", task.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteItem(Utf8JsonWriter json, ItemOutcome item)
    {
        json.WriteStartObject();
        WriteItemFields(json, item);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
