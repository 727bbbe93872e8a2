using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Events;
using Cleanup.Execute;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;

namespace Cleanup;

/// <summary>The pipeline every trigger runs: Events → Inventory → Plan → Execute → Report.</summary>
public sealed class CleanupRunner(IHybridRegistry registry, ITaskDirectory? ecs, CleanupOptions options, TimeProvider time, TextWriter log)
{
    /// <summary>A runner for task-stopped events only: the event is the evidence, ECS is never asked.</summary>
    public CleanupRunner(IHybridRegistry registry, CleanupOptions options, TimeProvider time, TextWriter log)
        : this(registry, null, options, time, log)
    {
    }

    /// <summary>
    /// The runner as deployed: options from CLEANUP_* and AWS_REGION, the SSM and ECS clients from the standard AWS
    /// settings.
    /// Throws <see cref="InvalidOptionsException"/> before any AWS call when the configuration is wrong.
    /// </summary>
    public static CleanupRunner FromEnvironment(TextWriter log, Func<CleanupOptions, CleanupOptions>? adjust = null)
    {
        var options = EnvironmentOptions.FromProcess();
        options = adjust?.Invoke(options) ?? options;
        return new CleanupRunner(new SsmRegistry(SsmClientFactory.Create(options)), EcsTaskDirectoryFactory.Create(options), options, TimeProvider.System, log);
    }

    public async Task<RunResult> RunAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken = default)
    {
        var result = await DecideAndActAsync(input, cancellationToken);
        new RunLog(log, time).Write(result);
        return result;
    }

    private async Task<RunResult> DecideAndActAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.TimeBudget;
        var parsed = EventParser.Parse(input, options);
        Trigger trigger;
        switch (parsed)
        {
            case RejectedEvent rejected:
                return RunResult.NotRun(RunStatus.Rejected, rejected.Error, options.DryRun, rejected.EventId);
            case IgnoredEvent ignored:
                return RunResult.NotRun(RunStatus.Ignored, ignored.Reason, options.DryRun, ignored.EventId);
            case AcceptedEvent accepted:
                trigger = accepted.Trigger;
                break;
            default:
                throw new InvalidOperationException($"unexpected parse outcome {parsed.GetType().Name}");
        }

        FleetInventory inventory;
        try
        {
            inventory = await new InventoryReader(registry, ecs, options).ReadAsync(trigger, cancellationToken);
        }
        catch (RegistryException ex)
        {
            // Without a complete inventory there is no evidence to act on: fail the run, delete nothing.
            return RunResult.NotRun(RunStatus.Failed, $"reading the inventory failed ({ex.ErrorCode}): {ex.Message}; nothing was deleted", options.DryRun, trigger.EventId)
                with
            { Trigger = trigger.Kind, TaskArns = TaskArns(trigger) };
        }

        var plan = Planner.Create(inventory, trigger, options, time.GetUtcNow());
        var outcomes = await new Executor(registry, time, deadline).ExecuteAsync(plan, options.DryRun, cancellationToken);
        var failed = outcomes.Count(o => o.Status == OutcomeStatus.Failed);
        var deferred = outcomes.Count(o => o.Status == OutcomeStatus.Deferred);
        var removing = outcomes.Count(o => o.Decision.Removes);
        var (status, message) = plan.Brake.Tripped
            ? (options.DryRun ? RunStatus.Succeeded : RunStatus.BrakeTripped, options.DryRun ? $"dry-run: {plan.Brake.Explanation}" : plan.Brake.Explanation)
            : failed > 0 ? (RunStatus.Failed, $"{failed} of {removing} removals failed" + (deferred > 0 ? $", {deferred} deferred" : string.Empty))
            : deferred > 0 ? (RunStatus.Failed, $"the time budget ran out: {deferred} of {removing} removals deferred to the next run")
            : options.DryRun ? (RunStatus.Succeeded, $"dry-run: {removing} items would be removed, nothing was deleted")
            : removing == 0 ? (RunStatus.Succeeded, "nothing to remove")
            : (RunStatus.Succeeded, $"{removing} items removed or already gone");
        return new RunResult(status, message, options.DryRun, trigger.EventId, trigger.Kind, TaskArns(trigger), outcomes) { Brake = plan.Brake, NodeHourPrice = options.Sweep.NodeHourPrice };
    }

    private static IReadOnlyList<string> TaskArns(Trigger trigger) => trigger switch
    {
        TaskStoppedTrigger stopped => [.. stopped.Tasks.Select(t => t.Task.Value)],
        _ => [],
    };
}
