using Cleanup.Report;

namespace Cleanup;

/// <summary>Raised by the handler after a failed or rejected run, so Lambda reports the invocation as an error.</summary>
public sealed class CleanupRunFailedException : Exception
{
    public CleanupRunFailedException()
    {
    }

    public CleanupRunFailedException(string message)
        : base(message)
    {
    }

    public CleanupRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CleanupRunFailedException(RunResult result)
        : base($"Cleanup run {Names.Of(result.Status)}: {result.Message}")
    {
        Result = result;
    }

    public RunResult? Result { get; }
}
