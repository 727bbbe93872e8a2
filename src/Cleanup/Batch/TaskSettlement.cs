namespace Cleanup.Batch;

/// <summary>
/// What became of one task an event named: whether its work is done (its message may go) and why. A task is
/// settled when ECS reports it alive (the event was wrong), or it is dead and every removal it needed is done.
/// </summary>
public sealed record TaskSettlement(string TaskArn, string EcsState, bool Settled, string Detail)
{
    /// <summary>
    /// Not settled only because the run's MaxDeletionsPerRun was spent on older tasks: load shed by design, its
    /// message comes back in a later batch; not a failure.
    /// </summary>
    public bool DeferredByBrake { get; init; }
}
