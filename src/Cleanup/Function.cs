using System.Text;
using Cleanup.Report;

namespace Cleanup;

/// <summary>
/// The Lambda entry point on the managed dotnet10 runtime: Cleanup::Cleanup.Function::Handler. Stream in, stream
/// out, so no Lambda package or serializer is needed.
/// </summary>
public sealed class Function
{
    // Built once per execution environment so warm invocations reuse the SDK client and its connections.
    private static readonly Lazy<CleanupRunner> _defaultRunner = new(() => CleanupRunner.FromEnvironment(Console.Out));

    private readonly Func<CleanupRunner> _runner;

    public Function()
    {
        _runner = () => _defaultRunner.Value;
    }

    public Function(CleanupRunner runner)
    {
        _runner = () => runner;
    }

    public async Task<Stream> Handler(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        var result = await _runner().RunAsync(buffer.ToArray());

        // An SQS batch is answered, never thrown: a throw would return every message, while the answer names only
        // those whose tasks are not settled (the others leave the queue).
        if (result.FailedMessageIds is not null)
        {
            return new MemoryStream(Encoding.UTF8.GetBytes(RunResultJson.BatchResponse(result)));
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
