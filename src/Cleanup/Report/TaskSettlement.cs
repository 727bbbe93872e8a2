namespace Cleanup.Report;

/// <summary>
/// What became of one task an event named: whether its work is done (its message may go) and why. A task is
/// settled when ECS reports it alive (the event was wrong), or it is dead and every removal it needed is done.
/// </summary>
public sealed record TaskSettlement(string TaskArn, string EcsState, bool Settled, string Detail);
