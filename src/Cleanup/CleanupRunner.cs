using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Batch;
using Cleanup.Events;
using Cleanup.Execute;
using Cleanup.Inventory;
using Cleanup.Lease;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;

namespace Cleanup;

/// <summary>
/// The pipeline every trigger runs: Events → Inventory → Plan → Execute → Report. An event (direct or a queued batch)
/// only narrows the candidate tasks; ECS decides which of them are dead, SSM's tag filters what they owned. With
/// <see cref="CleanupOptions.SweepLease"/> set, a sweep runs only while it holds the lease in <paramref name="leases"/>.
/// </summary>
public sealed class CleanupRunner(IHybridRegistry registry, ITaskDirectory ecs, CleanupOptions options, TimeProvider time, TextWriter log, ILeaseStore? leases = null)
{
    private const int ProgressEvery = 500;

    /// <summary>
    /// The runner as deployed: options from CLEANUP_* and AWS_REGION, the SSM and ECS clients from the standard AWS
    /// settings.
    /// Throws <see cref="InvalidOptionsException"/> before any AWS call when the configuration is wrong.
    /// </summary>
    public static CleanupRunner FromEnvironment(TextWriter log) => FromOptions(EnvironmentOptions.FromProcess(), log);

    /// <summary>The deployed runner for options already read (the CLI completes them, e.g. with the caller's account).</summary>
    public static CleanupRunner FromOptions(CleanupOptions options, TextWriter log)
    {
        var ssm = SsmClientFactory.Create(options);
        return new(new SsmRegistry(ssm), EcsTaskDirectoryFactory.Create(options), options, TimeProvider.System, log, new SsmLeaseStore(ssm));
    }

    /// <summary>Where a long run says how far it got (the CLI's stderr); the Lambda has its decision log instead.</summary>
    public IProgress<string>? Progress { get; set; }

    public async Task<RunResult> RunAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken = default)
    {
        var runLog = new RunLog(log, time, options.FunctionName, options.LogDecisions, options.Metrics);
        var result = Admit(EventParser.Parse(input, options, time.GetUtcNow())) switch
        {
            RejectedEvent rejected => RunResult.NotRun(RunStatus.Rejected, rejected.Error, options.DryRun, rejected.EventId),
            IgnoredEvent ignored => RunResult.NotRun(RunStatus.Ignored, ignored.Reason, options.DryRun, ignored.EventId),
            QueuedBatch batch => await BatchRun.RunAsync(batch, runLog, options.DryRun, stopped => GuardedAsync(stopped, runLog, cancellationToken)),
            AcceptedEvent { Trigger: SweepTrigger sweep } when options.SweepLease is { } lease => await LeasedAsync(sweep, lease, runLog, cancellationToken),
            AcceptedEvent accepted => await GuardedAsync(accepted.Trigger, runLog, cancellationToken),
            var other => throw new InvalidOperationException($"unexpected parse outcome {other.GetType().Name}"),
        };
        runLog.WriteRun(result);
        return result;
    }

    // Each function serves one trigger (CLEANUP_TRIGGER): a sweep payload sent to the event function must not run a
    // sweep outside the sweep function's one-at-a-time setting, and events belong to the queue's function.
    private ParsedEvent Admit(ParsedEvent parsed) => (options.AcceptedTriggers, parsed) switch
    {
        (AcceptedTriggers.Events, AcceptedEvent { Trigger: SweepTrigger sweep }) =>
            new RejectedEvent("this function serves stopped-task events (CLEANUP_TRIGGER=events); sweeps run in the sweep function", sweep.EventId),
        (AcceptedTriggers.Sweep, AcceptedEvent { Trigger: TaskStoppedTrigger stopped }) =>
            new RejectedEvent("this function runs the scheduled sweep (CLEANUP_TRIGGER=sweep); stopped-task events go to the event function", stopped.EventId),
        (AcceptedTriggers.Sweep, QueuedBatch) =>
            new RejectedEvent("this function runs the scheduled sweep (CLEANUP_TRIGGER=sweep); queued events go to the event function", null),
        _ => parsed,
    };

    private Task<RunResult> LeasedAsync(SweepTrigger sweep, string name, RunLog runLog, CancellationToken cancellationToken)
    {
        var store = leases ?? throw new InvalidOperationException($"{EnvironmentOptions.SweepLeaseVariable} is set but the runner was given no lease store");
        var holder = LeaseHolder.Describe(options.FunctionName, Environment.GetEnvironmentVariable, Guid.NewGuid().ToString("N")[..12]);
        return new LeasedSweep(new SweepLease(store, name, options.SweepLeaseDuration, time), runLog, options.DryRun)
            .RunAsync(sweep, holder, () => GuardedAsync(sweep, runLog, cancellationToken), cancellationToken);
    }

    // Every run leaves a record: whatever escapes the pipeline (a bug, a cancellation) becomes a failed run that keeps
    // the outcomes already applied, so the log and the result say what was done before it stopped.
    private async Task<RunResult> GuardedAsync(Trigger trigger, RunLog runLog, CancellationToken cancellationToken)
    {
        var applied = new List<ItemOutcome>();
        try
        {
            return await DecideAndActAsync(trigger, runLog, applied, cancellationToken);
        }
#pragma warning disable CA1031 // The run must end in a record, whatever went wrong; the handler still throws for it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var what = ex is OperationCanceledException ? "the run was cancelled" : $"the run stopped on an unexpected {ex.GetType().Name}: {ex.Message}";
            var done = applied.Count(o => o.Status is OutcomeStatus.Removed or OutcomeStatus.AlreadyGone);
            return new RunResult(RunStatus.Failed, $"{what}; {done} removal(s) were done before it (see the decision log)", options.DryRun, trigger.EventId, trigger.Kind, [.. applied])
            {
                Tasks = Unread(trigger, what),
                NodeHourPrice = options.Sweep.NodeHourPrice,
            };
        }
    }

    private async Task<RunResult> DecideAndActAsync(Trigger trigger, RunLog runLog, List<ItemOutcome> applied, CancellationToken cancellationToken)
    {
        var budget = options.TimeBudget;
        var deadline = time.GetUtcNow() + budget;
        FleetInventory inventory;

        // The budget covers the reads too: a read still running when it is spent is abandoned, and nothing is deleted.
        using (var reading = budget is { } b ? new CancellationTokenSource(b, time) : new CancellationTokenSource())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, reading.Token))
        {
            try
            {
                Progress?.Report(trigger is SweepTrigger ? "reading the owned fleet, asking ECS, proving ownership" : "asking ECS about the named tasks");
                inventory = await new InventoryReader(registry, ecs, options).ReadAsync(trigger, linked.Token);
                Progress?.Report($"inventory: {inventory.Nodes.Count} nodes, {inventory.Activations.Count} activations, {inventory.Tasks.Count} tasks answered for by ECS, {inventory.TagReads} tag reads");
            }
            catch (RegistryException ex)
            {
                // Without a complete inventory there is no evidence to act on: fail the run, delete nothing.
                return NotSettled(trigger, $"reading the inventory failed ({ex.ErrorCode}): {ex.Message}; nothing was deleted") with { ErrorCode = ex.ErrorCode };
            }
            catch (OperationCanceledException) when (reading.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return NotSettled(trigger, "the time budget ran out while reading the inventory; nothing was deleted");
            }
        }

        var plan = Planner.Create(inventory, trigger, options, time.GetUtcNow());
        var outcomes = await new Executor(registry, time, deadline)
            .ExecuteAsync(
                plan,
                options.DryRun,
                item =>
                {
                    applied.Add(item);
                    runLog.WriteDecision(item, trigger.EventId, options.DryRun);
                    if (applied.Count % ProgressEvery == 0 || applied.Count == plan.Nodes.Count + plan.Activations.Count)
                    {
                        Progress?.Report($"decided and applied {applied.Count} of {plan.Nodes.Count + plan.Activations.Count} items");
                    }
                },
                cancellationToken);
        var settlements = trigger is TaskStoppedTrigger stopped ? Settlement.Of(stopped, inventory, outcomes, plan.Brake) : [];
        var unsettled = settlements.Where(s => !s.Settled && !s.DeferredByBrake).ToList();
        var denied = inventory.DeniedClusters();
        var (status, message, errorCode) = RunVerdict.Of(new RunFacts
        {
            DryRun = options.DryRun,
            BrakeTripped = plan.Brake.Tripped,
            BrakeExplanation = plan.Brake.Explanation,
            BrakeDeferredTasks = plan.Brake.DeferredTasks.Count > 0,
            Failed = outcomes.Count(o => o.Status == OutcomeStatus.Failed),
            Deferred = outcomes.Count(o => o.Status == OutcomeStatus.Deferred),
            Removing = outcomes.Count(o => o.Decision.Removes && o.Status != OutcomeStatus.Braked),
            EcsOutage = trigger is SweepTrigger ? inventory.EcsCouldNotBeAsked() : null,
            LegacyUnread = inventory.LegacyUnread,
            TagReadsDenied = inventory.TagReadsDenied,
            DeniedClusters = denied,
            Unsettled = unsettled.Count,
            Settlements = settlements.Count,
            FirstUnsettledDetail = unsettled.FirstOrDefault()?.Detail,
        });
        return new RunResult(status, message, options.DryRun, trigger.EventId, trigger.Kind, outcomes)
        {
            Brake = plan.Brake,
            NodeHourPrice = options.Sweep.NodeHourPrice,
            Tasks = settlements,
            TagReads = inventory.TagReads,
            DeniedClusters = denied,
            ErrorCode = errorCode,
        };
    }

    private RunResult NotSettled(Trigger trigger, string message) =>
        RunResult.NotRun(RunStatus.Failed, message, options.DryRun, trigger.EventId) with
        {
            Trigger = trigger.Kind,
            Tasks = Unread(trigger, message),
        };

    // Every task the trigger named, none settled: the run stopped before it could say what became of them.
    private static List<TaskSettlement> Unread(Trigger trigger, string detail) => trigger switch
    {
        TaskStoppedTrigger stopped => [.. stopped.Tasks.Select(t => t.Task.Value).Distinct(StringComparer.Ordinal).Select(arn => new TaskSettlement(arn, "UNREAD", false, detail))],
        _ => [],
    };
}
