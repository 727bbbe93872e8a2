using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>
/// Runs the handler's pipeline on one event file: an EventBridge event (the result JSON goes to stdout) or an SQS
/// batch (the handler's batchItemFailures answer goes to stdout). The JSON log lines go to stderr, so the output can
/// be piped to jq.
/// </summary>
public static class InvokeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var dryRun = args.Contains("--dry-run");
        var files = args.Where(a => a != "--dry-run").ToList();
        if (files.Count != 1 || files[0].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync("usage: cleanup invoke EVENT.json [--dry-run]");
            return ExitCodes.Invalid;
        }

        byte[] input;
        try
        {
            input = await File.ReadAllBytesAsync(files[0], cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cannot read {files[0]}: {ex.Message}");
            return ExitCodes.Invalid;
        }

        var runner = await DeployedRunner.CreateAsync(error, dryRun, cancellationToken);
        if (runner is null)
        {
            return ExitCodes.Invalid;
        }

        var result = await runner.RunAsync(input, cancellationToken);

        // An SQS batch gets what the handler answers the queue: the messages that would come back.
        if (result.FailedMessageIds is { } failed)
        {
            await output.WriteLineAsync(RunResultJson.BatchResponse(result));
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }

        await output.WriteLineAsync(RunResultJson.Serialize(result));
        return ExitCodes.Of(result.Status);
    }
}
