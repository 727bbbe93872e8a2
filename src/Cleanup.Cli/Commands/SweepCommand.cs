using System.Text;
using Cleanup.Cli.Demo;
using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>
/// Runs the scheduled sweep once against the standard AWS settings (a real account, or the emulator through
/// AWS_ENDPOINT_URL), prints a table of every decision, the dead-node cost, then the result JSON.
/// </summary>
public static class SweepCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var dryRun = args.Contains("--dry-run");
        var json = args.Contains("--json");
        if (args.Any(a => a is not ("--dry-run" or "--json")))
        {
            await error.WriteLineAsync("usage: cleanup sweep [--dry-run] [--json]");
            return ExitCodes.Invalid;
        }

        var runner = await DeployedRunner.CreateAsync(error, dryRun, cancellationToken);
        if (runner is null)
        {
            return ExitCodes.Invalid;
        }

        var result = await runner.RunAsync(Encoding.UTF8.GetBytes("""{"cleanup":"sweep"}"""), cancellationToken);
        if (!json)
        {
            await SweepReport.WriteAsync(output, result);
            await output.WriteLineAsync();
        }

        await output.WriteLineAsync(RunResultJson.Serialize(result));
        return ExitCodes.Of(result.Status);
    }
}
