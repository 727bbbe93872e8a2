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

        // A thrown error is what makes Lambda retry an async event, send it to the failure destination and count
        // it in the Errors metric; the result has already been logged in full.
        if (result.Status is RunStatus.Failed or RunStatus.Rejected or RunStatus.BrakeTripped)
        {
            throw new CleanupRunFailedException(result);
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(RunResultJson.Serialize(result)));
    }
}
