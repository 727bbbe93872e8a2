using System.Text;
using Cleanup.Cli.Demo;
using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>
/// Runs the scheduled sweep once against the standard AWS settings (a real account, or the emulator through
/// AWS_ENDPOINT_URL): a table of every decision and the dead-node cost, then the result JSON (only the JSON with
/// --output json). A dry run unless <see cref="AwsChoice.Apply"/>.
/// </summary>
public static class SweepCommand
{
    public static async Task<int> RunAsync(AwsChoice choice, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (runner, exit) = await DeployedRunner.CreateAsync(choice, error, cancellationToken);
        if (runner is null)
        {
            return exit;
        }

        runner.Progress = new StderrProgress(error);
        var result = await runner.RunAsync(Encoding.UTF8.GetBytes("""{"cleanup":"sweep"}"""), cancellationToken);
        if (!json)
        {
            await SweepReport.WriteAsync(output, result);
            await output.WriteLineAsync();
        }

        await output.WriteLineAsync(PlainJson.Rewrite(RunResultJson.Serialize(result)));
        var (code, line) = ExitCodes.Of(result);
        if (line is not null)
        {
            await error.WriteLineAsync(line);
        }

        return code;
    }
}
