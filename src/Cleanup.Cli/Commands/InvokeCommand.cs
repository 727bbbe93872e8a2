using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>
/// Runs the handler's pipeline on one event file: an EventBridge event (the result JSON goes to stdout) or an SQS
/// batch (the handler's batchItemFailures answer goes to stdout). The banner and the JSON log lines go to stderr, so
/// the output can be piped to jq. A dry run unless <see cref="AwsChoice.Apply"/>.
/// </summary>
public static class InvokeCommand
{
    public static async Task<int> RunAsync(string file, AwsChoice choice, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(error);
        var (input, problem) = await EventInput.ReadAsync(file, cancellationToken);
        if (input is null)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Invalid;
        }

        var (runner, exit) = await DeployedRunner.CreateAsync(choice, error, cancellationToken);
        if (runner is null)
        {
            return exit;
        }

        var result = await runner.RunAsync(input, cancellationToken);

        // An SQS batch gets what the handler answers the queue: the messages that would come back.
        if (result.FailedMessageIds is { } failed)
        {
            await output.WriteLineAsync(RunResultJson.BatchResponse(result));
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
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
