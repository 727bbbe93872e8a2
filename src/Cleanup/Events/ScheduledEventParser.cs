namespace Cleanup.Events;

/// <summary>
/// Reads the EventBridge "Scheduled Event" (a rule's schedule): its detail is empty, its arrival is the whole message.
/// Region and account were already checked with the envelope.
/// </summary>
public static class ScheduledEventParser
{
    public const string Source = "aws.events";
    public const string DetailType = "Scheduled Event";

    public static ParsedEvent Parse(EventEnvelope envelope) =>
        new AcceptedEvent(new SweepTrigger(envelope.Id, $"{Source}/{DetailType}"));
}
