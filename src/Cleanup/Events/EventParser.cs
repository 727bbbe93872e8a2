using System.Text.Json;
using Cleanup.Options;

namespace Cleanup.Events;

/// <summary>Reads the envelope, refuses events from elsewhere, and hands the detail to the parser for its type.</summary>
public static class EventParser
{
    public static ParsedEvent Parse(ReadOnlyMemory<byte> input, CleanupOptions options) => Parse(input, options, allowBatch: true);

    internal static ParsedEvent Parse(ReadOnlyMemory<byte> input, CleanupOptions options, bool allowBatch)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input);
        }
        catch (JsonException ex)
        {
            return new RejectedEvent($"the input is not valid JSON: {ex.Message}", null);
        }

        using (document)
        {
            // Scheduler delivers its own payload with no envelope, hence no region to check: it is the account's
            // own schedule calling its own function, and a sweep only ever acts on this region's SSM.
            if (allowBatch && SqsBatchParser.IsBatch(document.RootElement))
            {
                return SqsBatchParser.Parse(document.RootElement, options);
            }

            if (SchedulerPayloadParser.IsSchedulerPayload(document.RootElement))
            {
                return SchedulerPayloadParser.Parse(document.RootElement);
            }

            var envelope = EventEnvelope.TryRead(document.RootElement, out var error, out var eventId);
            if (envelope is null)
            {
                return new RejectedEvent(error!, eventId);
            }

            // SSM is regional: acting on another region's event would delete this region's nodes by mistake.
            if (envelope.Region != options.Region)
            {
                return new RejectedEvent($"event is from region '{envelope.Region}' but this function serves '{options.Region}'", envelope.Id);
            }

            if (options.AccountId is not null && envelope.Account != options.AccountId)
            {
                return new RejectedEvent($"event is from account '{envelope.Account}' but this function serves '{options.AccountId}'", envelope.Id);
            }

            return (envelope.Source, envelope.DetailType) switch
            {
                (TaskStateChangeParser.Source, TaskStateChangeParser.DetailType) => TaskStateChangeParser.Parse(envelope, options),
                (ScheduledEventParser.Source, ScheduledEventParser.DetailType) => ScheduledEventParser.Parse(envelope),
                _ => new IgnoredEvent($"no parser for source '{envelope.Source}' and detail-type '{envelope.DetailType}'", envelope.Id),
            };
        }
    }
}
