using System.Text;
using Cleanup.Report;

namespace Cleanup;

/// <summary>
/// The Lambda entry point on the managed dotnet10 runtime: Cleanup::Cleanup.Function::Handler. Stream in, stream
/// out, so no Lambda package or serializer is needed.
/// </summary>
public sealed class Function
{
    // Built once per execution environment so warm invocations reuse the SDK client and its connections. The log goes
    // to file descriptor 1, not to the runtime's prefixing Console.Out (StdoutLog); one writer for the process.
    private static readonly Lazy<CleanupRunner> _defaultRunner = new(() => WithStdoutLog(CleanupRunner.FromEnvironment, Console.OpenStandardOutput()));

    private readonly Func<CleanupRunner> _runner;

    public Function()
    {
        _runner = () => _defaultRunner.Value;
    }

    public Function(CleanupRunner runner)
    {
        _runner = () => runner;
    }

    /// <summary>
    /// The default wiring with another stream in place of file descriptor 1 and another runner than the
    /// environment's: what a test needs to see exactly the bytes the deployed function writes.
    /// </summary>
    internal Function(Func<TextWriter, CleanupRunner> runnerWithLog, Stream stdout)
    {
        ArgumentNullException.ThrowIfNull(runnerWithLog);
        var runner = new Lazy<CleanupRunner>(() => WithStdoutLog(runnerWithLog, stdout));
        _runner = () => runner.Value;
    }

    private static CleanupRunner WithStdoutLog(Func<TextWriter, CleanupRunner> runnerWithLog, Stream stdout) => runnerWithLog(StdoutLog.Over(stdout));

    public async Task<Stream> Handler(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        var result = await _runner().RunAsync(buffer.ToArray());

        // An SQS batch is answered, never thrown: a throw would return every message, while the answer names only
        // those not proven done (the others leave the queue).
        if (result.BatchResponse is { } answer)
        {
            return new MemoryStream(Encoding.UTF8.GetBytes(answer.ToJson()));
        }

        // A thrown error is what makes Lambda retry an async event (or redeliver a whole unreadable batch) and count
        // it in the Errors metric; every decision has already been logged.
        if (result.Status is RunStatus.Failed or RunStatus.Rejected or RunStatus.BrakeTripped)
        {
            throw new CleanupRunFailedException(result);
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(RunResultJson.Serialize(result, includeItems: false)));
    }
}
