using Cleanup.Batch;
using Cleanup.Execute;

namespace Cleanup.Report;

public enum RunStatus
{
    /// <summary>Every decision was carried out (or, in dry-run, reported).</summary>
    Succeeded,

    /// <summary>At least one item failed, or the inventory could not be read; the function errors so retries and alarms see it.</summary>
    Failed,

    /// <summary>A valid event that is not ours to act on; nothing was called.</summary>
    Ignored,

    /// <summary>Malformed or untrustworthy input; nothing was called.</summary>
    Rejected,

    /// <summary>The plan would have removed too much at once: nothing was deleted, a person must look.</summary>
    BrakeTripped,

    /// <summary>Another sweep holds the sweep lease: this one read and deleted nothing, the next one runs.</summary>
    Skipped,
}

/// <summary>What one run did, returned from the handler and printed by the CLI.</summary>
public sealed record RunResult(
    RunStatus Status,
    string Message,
    bool DryRun,
    string? EventId,
    string? Trigger,
    IReadOnlyList<ItemOutcome> Items)
{
    /// <summary>For an event run: each task the event(s) named, with ECS's state and whether it is settled.</summary>
    public IReadOnlyList<TaskSettlement> Tasks { get; init; } = [];

    /// <summary>For an SQS batch: the handler's answer, naming the messages that come back; null for any other run.</summary>
    public SqsBatchResponse? BatchResponse { get; init; }

    /// <summary>Nodes whose tags had to be read one by one (ListTagsForResource): their claim could not be derived.</summary>
    public int TagReads { get; init; }

    /// <summary>The AWS error code that stopped a run before it could decide (inventory or lease), for exit codes.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Clusters ECS denied access to: their items were kept, the rest of the fleet was judged.</summary>
    public IReadOnlyList<string> DeniedClusters { get; init; } = [];

    /// <summary>The brake's verdict, when a plan was made.</summary>
    public Plan.BrakeVerdict? Brake { get; init; }

    /// <summary>Advanced-tier USD per node-hour, to price <see cref="DeadNodeHours"/>.</summary>
    public decimal NodeHourPrice { get; init; }

    public decimal DeadNodeCost => Math.Round((decimal)DeadNodeHours * NodeHourPrice, 2);

    /// <summary>Node-hours paid for the nodes this run removes (or would remove), since each was last known alive.</summary>
    public double DeadNodeHours => Items.Where(i => i.Decision.Kind == Plan.ResourceKind.Node && i.Decision.Removes).Sum(i => i.Decision.DeadNodeHours);

    public int Count(OutcomeStatus status) => Items.Count(i => i.Status == status);

    public int Count(OutcomeStatus status, Plan.ResourceKind kind) => Items.Count(i => i.Status == status && i.Decision.Kind == kind);

    public static RunResult NotRun(RunStatus status, string message, bool dryRun, string? eventId) =>
        new(status, message, dryRun, eventId, null, []);
}
