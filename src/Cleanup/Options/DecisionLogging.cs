namespace Cleanup.Options;

/// <summary>
/// Which decisions get a log line of their own (CLEANUP_LOG_DECISIONS). Every sweep keeps every live node, so a
/// line per keep makes the log grow with the fleet instead of with what changed, and CloudWatch bills each byte.
/// </summary>
public enum DecisionLogging
{
    /// <summary>
    /// One line per removal, failure, deferral, brake hold and anomalous keep; the steady-state keeps
    /// (<see cref="Report.SteadyKeeps"/>) only counted, in one line per run.
    /// </summary>
    Changes,

    /// <summary>One line per decision, whatever it was: for an audit.</summary>
    All,
}
