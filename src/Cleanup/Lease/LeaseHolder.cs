namespace Cleanup.Lease;

/// <summary>
/// How a run names itself in the lease: enough for a person who finds the lease held to find the holder's logs (the
/// function's log stream) or process, plus a per-run id so two runs of one environment differ.
/// </summary>
public static class LeaseHolder
{
    public static string Describe(string? functionName, Func<string, string?> getVariable, string runId)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return functionName is not null
            ? $"{functionName} {getVariable("AWS_LAMBDA_LOG_STREAM_NAME") ?? "(no log stream)"} run {runId}"
            : $"cleanup CLI on {Environment.MachineName} pid {Environment.ProcessId} run {runId}";
    }
}
