namespace Cleanup.Cli.Commands;

/// <summary>
/// Runs the handler's pipeline on one event file, an EventBridge event or an SQS batch, and prints the result as
/// <see cref="OutputChoice"/> says (with --output json: the result JSON, or for a batch the handler's
/// batchItemFailures answer). The banner goes to stderr, so the output can be piped. A dry run unless
/// <see cref="AwsChoice.Apply"/>.
/// </summary>
public static class InvokeCommand
{
    public static async Task<int> RunAsync(string file, AwsChoice choice, OutputChoice shown, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(error);
        var (input, problem) = await EventInput.ReadAsync(file, cancellationToken);
        if (input is null)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Invalid;
        }

        var (runner, exit) = await DeployedRunner.CreateAsync(choice, shown, error, cancellationToken);
        if (runner is null)
        {
            return exit;
        }

        var result = await runner.RunAsync(input, cancellationToken);
        return await ResultOutput.WriteAsync(result, shown, output, error);
    }
}
