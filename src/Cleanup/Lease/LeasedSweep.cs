using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Report;

namespace Cleanup.Lease;

/// <summary>
/// A sweep run under the lease: taken before the first inventory read, given back after the last removal. A sweep
/// that cannot take it reads nothing and deletes nothing; one that cannot even ask, or finds no lease parameter,
/// fails, because running unguarded is what the lease exists to prevent.
/// </summary>
internal sealed class LeasedSweep(SweepLease lease, RunLog runLog, bool dryRun)
{
    public async Task<RunResult> RunAsync(SweepTrigger sweep, string holder, Func<Task<RunResult>> run, CancellationToken cancellationToken)
    {
        LeaseOutcome outcome;
        try
        {
            outcome = await lease.AcquireAsync(holder, cancellationToken);
        }
#pragma warning disable CA1031 // Every run leaves a record: a lease that cannot be taken, for whatever reason, is a failed run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var code = ex is RegistryException registry ? registry.ErrorCode : ex.GetType().Name;
            var message = $"taking the sweep lease {lease.Name} failed ({code}): {ex.Message}; nothing was read or deleted";
            runLog.WriteLease("error", "sweep lease not taken", lease.Name, message, sweep.EventId, dryRun);
            return RunResult.NotRun(RunStatus.Failed, message, dryRun, sweep.EventId) with { Trigger = sweep.Kind, ErrorCode = ex is RegistryException ? code : null };
        }

        if (outcome is MissingLease missing)
        {
            var message = $"{missing.Explanation}; nothing was read or deleted";
            runLog.WriteLease("error", "sweep lease not taken", lease.Name, message, sweep.EventId, dryRun);
            return RunResult.NotRun(RunStatus.Failed, message, dryRun, sweep.EventId) with { Trigger = sweep.Kind, ErrorCode = MissingLease.ErrorCode };
        }

        if (outcome is BusyLease busy)
        {
            var message = $"{busy.Explanation}; this sweep read and deleted nothing, the next one runs";
            runLog.WriteLease("info", "sweep skipped", lease.Name, message, sweep.EventId, dryRun);
            return RunResult.NotRun(RunStatus.Skipped, message, dryRun, sweep.EventId) with { Trigger = sweep.Kind };
        }

        var held = (HeldLease)outcome;
        runLog.WriteLease(
            held.TookOverFrom is null ? "info" : "warn",
            "sweep lease taken",
            lease.Name,
            held.TookOverFrom is null ? $"held by {holder} until {SweepLease.Stamp(held.Expires)}" : $"held by {holder} until {SweepLease.Stamp(held.Expires)}; took over from {held.TookOverFrom}",
            sweep.EventId,
            dryRun);
        var result = await run();
        try
        {
            // Given back even when the run was cancelled: the next sweep should not wait out the whole lease.
            if (!await lease.ReleaseAsync(held, CancellationToken.None))
            {
                runLog.WriteLease("warn", "sweep lease expired before the run ended", lease.Name, $"the run outlasted its lease (until {SweepLease.Stamp(held.Expires)}); it was left as it is", sweep.EventId, dryRun);
            }
        }
#pragma warning disable CA1031 // The run's record must survive whatever the release ran into.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The removals stand; only the next sweep is delayed, until the lease expires.
            var code = ex is RegistryException registry ? registry.ErrorCode : ex.GetType().Name;
            var detail = $"the sweep lease {lease.Name} was not given back ({code}): the next sweep waits until {SweepLease.Stamp(held.Expires)}";
            runLog.WriteLease("warn", "sweep lease not given back", lease.Name, detail, sweep.EventId, dryRun);
            return result with { Message = $"{result.Message}; {detail}" };
        }

        return result;
    }
}
