using System.Text.Json;
using Cleanup.Options;

namespace Cleanup.Events;

/// <summary>Reads the envelope, refuses events from elsewhere, and hands the detail to the parser for its type.</summary>
public static class EventParser
{
    // StrictJson has already refused duplicates and deep nesting; the document is told the same so that it could
    // never quietly keep the last of two keys should the two ever disagree.
    private static readonly JsonDocumentOptions _document = new() { AllowDuplicateProperties = false, MaxDepth = StrictJson.MaxDepth + 1 };

    /// <summary>
    /// Reads with the system clock as now. Only for callers without a clock of their own: the runner passes its
    /// <see cref="TimeProvider"/>'s time, so a test's clock judges "in the future" the same way it judges everything else.
    /// </summary>
    public static ParsedEvent Parse(ReadOnlyMemory<byte> input, CleanupOptions options) =>
        Parse(input, options, TimeProvider.System.GetUtcNow());

    /// <summary>Reads one input; a timestamp more than <see cref="EventTimestamp.AllowedSkew"/> after <paramref name="now"/> is refused.</summary>
    public static ParsedEvent Parse(ReadOnlyMemory<byte> input, CleanupOptions options, DateTimeOffset now) =>
        Parse(input, options, now, allowBatch: true);

    internal static ParsedEvent Parse(ReadOnlyMemory<byte> input, CleanupOptions options, DateTimeOffset now, bool allowBatch)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (StrictJson.Validate(input.Span) is { } problem)
        {
            return new RejectedEvent(problem, null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input, _document);
        }
        catch (JsonException)
        {
            // Its message quotes the input; StrictJson has said where for everything it can find.
            return new RejectedEvent("the input is not valid JSON", null);
        }

        using (document)
        {
            // Scheduler delivers its own payload with no envelope, hence no region to check: it is the account's
            // own schedule calling its own function, and a sweep only ever acts on this region's SSM.
            if (allowBatch && SqsBatchParser.IsBatch(document.RootElement))
            {
                return SqsBatchParser.Parse(document.RootElement, options, now);
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
                return new RejectedEvent($"event is from region {Fragment.Quote(envelope.Region)} but this function serves '{options.Region}'", envelope.Id);
            }

            if (options.AccountId is not null && envelope.Account != options.AccountId)
            {
                return new RejectedEvent($"event is from account {Fragment.Quote(envelope.Account)} but this function serves '{options.AccountId}'", envelope.Id);
            }

            return (envelope.Source, envelope.DetailType) switch
            {
                (TaskStateChangeParser.Source, TaskStateChangeParser.DetailType) => TaskStateChangeParser.Parse(envelope, options, now),
                (ScheduledEventParser.Source, ScheduledEventParser.DetailType) => ScheduledEventParser.Parse(envelope),
                _ => new IgnoredEvent($"no parser for source {Fragment.Quote(envelope.Source)} and detail-type {Fragment.Quote(envelope.DetailType)}", envelope.Id),
            };
        }
    }
}
