using System.Text.Json;

namespace Cleanup.Events;

/// <summary>
/// Reads the payload EventBridge Scheduler delivers: Scheduler sends the schedule's own Input, not an EventBridge
/// envelope, so ours is the small object {"cleanup": "sweep"} (the template sets it; `cleanup sweep` sends it).
/// </summary>
public static class SchedulerPayloadParser
{
    public const string Property = "cleanup";
    public const string SweepValue = "sweep";

    public static bool IsSchedulerPayload(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(Property, out _) && !root.TryGetProperty("detail-type", out _);

    public static ParsedEvent Parse(JsonElement root)
    {
        var value = root.GetProperty(Property);
        if (value.ValueKind != JsonValueKind.String || value.GetString() != SweepValue)
        {
            return new RejectedEvent($"a scheduler payload must be {{\"{Property}\": \"{SweepValue}\"}}, got {Describe(value)}", null);
        }

        if (root.EnumerateObject().Count() != 1)
        {
            return new RejectedEvent($"a scheduler payload has exactly one property, \"{Property}\"", null);
        }

        return new AcceptedEvent(new SweepTrigger("scheduler", "scheduler"));
    }

    // Never the raw text: the value could be an object of any size holding anything.
    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Fragment.Quote(value.GetString()) : value.ValueKind.ToString();
}
