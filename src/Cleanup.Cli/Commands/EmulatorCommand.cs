using System.Globalization;
using Cleanup.Emulator;

namespace Cleanup.Cli.Commands;

/// <summary>Serves the emulator on loopback until Ctrl+C, for the AWS CLI, `cleanup invoke` and users' own tests.</summary>
public static class EmulatorCommand
{
    private const string Usage = "usage: cleanup emulator [--port N] [--rate-limit N[,burst]]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (options, problem) = Parse(args);
        if (options is null)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Invalid;
        }

        await using var emulator = await AwsEmulator.StartAsync(options, cancellationToken);
        await output.WriteLineAsync($"emulator listening on {emulator.Url}");
        await output.WriteLineAsync($"  export AWS_ENDPOINT_URL={emulator.Url.ToString().TrimEnd('/')} AWS_REGION={emulator.Options.Region} AWS_DEFAULT_REGION={emulator.Options.Region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test");
        if (emulator.RateLimits.Current is { } limit)
        {
            await output.WriteLineAsync($"rate limit: {limit} (over it: 400 ThrottlingException)");
            await output.WriteLineAsync($"calls: {emulator.CallsUrl}");
        }

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

    /// <summary>Flags come in pairs, in any order, each at most once; the error is the one line to print.</summary>
    private static (EmulatorOptions? Options, string Error) Parse(IReadOnlyList<string> args)
    {
        var port = 0;
        RateLimit? rateLimit = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !seen.Add(args[i]))
            {
                return (null, Usage);
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        return (null, $"--port must be a number from 0 to 65535, got '{value}'");
                    }

                    break;
                case "--rate-limit":
                    rateLimit = ParseRateLimit(value);
                    if (rateLimit is null)
                    {
                        return (null, $"--rate-limit must be N[,burst]: N calls per second (a positive number), burst a positive whole number, got '{value}'");
                    }

                    break;
                default:
                    return (null, Usage);
            }
        }

        return (new EmulatorOptions { Port = port, RateLimit = rateLimit }, string.Empty);
    }

    private static RateLimit? ParseRateLimit(string value)
    {
        var parts = value.Split(',');
        if (parts.Length > 2
            || !double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var perSecond)
            || !double.IsFinite(perSecond)
            || perSecond <= 0)
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return new RateLimit(perSecond);
        }

        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var burst) && burst >= 1
            ? new RateLimit(perSecond, burst)
            : null;
    }
}
