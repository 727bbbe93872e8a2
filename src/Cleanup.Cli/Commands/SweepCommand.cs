using System.Text;

namespace Cleanup.Cli.Commands;

/// <summary>
/// Runs the scheduled sweep once against the standard AWS settings (a real account, or the emulator through
/// AWS_ENDPOINT_URL) and prints the result as <see cref="OutputChoice"/> says. A dry run unless
/// <see cref="AwsChoice.Apply"/>.
/// </summary>
public static class SweepCommand
{
    public static async Task<int> RunAsync(AwsChoice choice, OutputChoice shown, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(error);
        var (runner, exit) = await DeployedRunner.CreateAsync(choice, shown, error, cancellationToken);
        if (runner is null)
        {
            return exit;
        }

        if (!shown.Quiet)
        {
            runner.Progress = new StderrProgress(error);
        }

        var result = await runner.RunAsync(Encoding.UTF8.GetBytes("""{"cleanup":"sweep"}"""), cancellationToken);
        return await ResultOutput.WriteAsync(result, shown, output, error);
    }
}
