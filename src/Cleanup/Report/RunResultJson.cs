using System.Text;
using System.Text.Json;
using Cleanup.Execute;
using Cleanup.Plan;

namespace Cleanup.Report;

/// <summary>The result as JSON: the handler's return value and the CLI's output.</summary>
public static class RunResultJson
{
    public static string Serialize(RunResult result)
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
            json.WriteStartArray("taskArns");
            foreach (var arn in result.TaskArns)
            {
                json.WriteStringValue(arn);
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("nodesDeregistered", result.Count(OutcomeStatus.Removed, ResourceKind.Node));
            json.WriteNumber("activationsDeleted", result.Count(OutcomeStatus.Removed, ResourceKind.Activation));
            json.WriteNumber("alreadyGone", result.Count(OutcomeStatus.AlreadyGone));
            json.WriteNumber("wouldRemove", result.Count(OutcomeStatus.WouldRemove));
            json.WriteNumber("kept", result.Count(OutcomeStatus.Kept));
            json.WriteNumber("failed", result.Count(OutcomeStatus.Failed));
            json.WriteNumber("heldByBrake", result.Count(OutcomeStatus.Braked));
            json.WriteNumber("deferred", result.Count(OutcomeStatus.Deferred));
            json.WriteNumber("deadNodeHours", Math.Round(result.DeadNodeHours, 2));
            json.WriteNumber("deadNodeCostUsd", result.DeadNodeCost);
            json.WriteEndObject();
            if (result.Brake is { } brake)
            {
                json.WriteStartObject("brake");
                json.WriteBoolean("tripped", brake.Tripped);
                json.WriteNumber("nodeRemovals", brake.NodeRemovals);
                json.WriteNumber("ownedNodes", brake.OwnedNodes);
                json.WriteString("explanation", brake.Explanation);
                json.WriteEndObject();
            }

            json.WriteStartArray("items");
            foreach (var item in result.Items)
            {
                WriteItem(json, item);
            }

            json.WriteEndArray();
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
