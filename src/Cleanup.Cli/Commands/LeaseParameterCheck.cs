using Cleanup.Aws;
using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// `sweep --lease NAME` asks SSM for the parameter before anything else: a mistyped name must be refused, not become a
/// lease no other sweep reads while the banner claims "one sweep at a time".
/// </summary>
internal static class LeaseParameterCheck
{
    /// <summary>
    /// True only when SSM answered that the parameter does not exist. Any other failure (credentials, network,
    /// access) is no answer: the run asks again and reports that failure with its own exit code.
    /// </summary>
    public static async Task<bool> IsMissingAsync(CleanupOptions options, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var ssm = SsmClientFactory.Create(options);
            return await new SsmLeaseStore(ssm).ReadAsync(name, cancellationToken) is null;
        }
#pragma warning disable CA1031 // Not knowing is not "missing": the run's own lease read fails and says why.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    public static string Refusal(string name) =>
        $"--lease: the parameter {name} does not exist; nothing was created, read or deleted: create it (value {Lease.LeaseRecord.Free.ToJson()}) or check the name (a stack's lease is /cleanup/<stack>/sweep-lease)";
}
