using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>Prints a finished run as the user chose (<see cref="OutputChoice"/>) and gives its exit code.</summary>
internal static class ResultOutput
{
    public static async Task<int> WriteAsync(RunResult result, OutputChoice shown, TextWriter output, TextWriter error)
    {
        if (shown.Json)
        {
            // An SQS batch gets what the handler answers the queue: the messages that would come back.
            await output.WriteLineAsync(result.BatchResponse is { } answer ? answer.ToJson() : PlainJson.Rewrite(RunResultJson.Serialize(result)));
        }
        else if (shown.Quiet)
        {
            await output.WriteLineAsync(ResultTable.StatusLine(result));
        }
        else
        {
            await ResultTable.WriteAsync(output, result);
        }

        if (result.BatchResponse is { } batch)
        {
            return batch.BatchItemFailures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }

        var (code, line) = ExitCodes.Of(result);
        if (line is not null)
        {
            await error.WriteLineAsync(line);
        }

        return code;
    }
}
