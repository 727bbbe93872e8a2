namespace Cleanup.Events;

/// <summary>The outcome of reading one input event; only <see cref="AcceptedEvent"/> leads to AWS calls.</summary>
public abstract record ParsedEvent;

public sealed record AcceptedEvent(Trigger Trigger) : ParsedEvent;

/// <summary>A well-formed event that is not ours to act on (another status, source or cluster).</summary>
public sealed record IgnoredEvent(string Reason, string? EventId) : ParsedEvent;

/// <summary>Input that is malformed or untrustworthy: reported as an error, nothing is called.</summary>
public sealed record RejectedEvent(string Error, string? EventId) : ParsedEvent;
