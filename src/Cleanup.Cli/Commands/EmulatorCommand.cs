using System.Globalization;
using Cleanup.Emulator;

namespace Cleanup.Cli.Commands;

/// <summary>Serves the emulator on loopback until Ctrl+C, for the AWS CLI, `cleanup invoke` and users' own tests.</summary>
public static class EmulatorCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var port = 0;
        if (args is ["--port", var raw])
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            {
                await error.WriteLineAsync($"--port must be a number from 0 to 65535, got '{raw}'");
                return ExitCodes.Invalid;
            }
        }
        else if (args.Count != 0)
        {
            await error.WriteLineAsync("usage: cleanup emulator [--port N]");
            return ExitCodes.Invalid;
        }

        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Port = port }, cancellationToken);
        await output.WriteLineAsync($"emulator listening on {emulator.Url}");
        await output.WriteLineAsync($"  export AWS_ENDPOINT_URL={emulator.Url.ToString().TrimEnd('/')} AWS_REGION={emulator.Options.Region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test");
        await output.WriteLineAsync("press Ctrl+C to stop");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C is the normal way to stop the emulator.
        }

        return ExitCodes.Ok;
    }
}
