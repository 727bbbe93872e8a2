using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;

namespace Cleanup.Cli.Commands;

/// <summary>Serves the emulator on loopback until Ctrl+C, for the AWS CLI, `cleanup invoke` and users' own tests.</summary>
public static partial class EmulatorCommand
{
    private const string Usage = "usage: cleanup emulator [--port N] [--host ADDRESS] [--region NAME] [--rate-limit N[,burst]] [--seed demo]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (options, seed, problem) = Parse(args);
        if (options is null)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Invalid;
        }

        var clock = seed ? DemoSeed.Clock() : null;
        if (clock is not null)
        {
            options = new EmulatorOptions { Port = options.Port, Host = options.Host, Region = options.Region, RateLimit = options.RateLimit, Clock = clock };
        }

        AwsEmulator emulator;
        try
        {
            emulator = await AwsEmulator.StartAsync(options, cancellationToken);
        }
        catch (PortInUseException ex)
        {
            await error.WriteLineAsync($"port {ex.Port} on {ex.Host} is already in use: stop what uses it or pick another --port");
            return ExitCodes.PortInUse;
        }

        await using var running = emulator;
        await output.WriteLineAsync($"emulator listening on {emulator.Url}");
        await output.WriteLineAsync($"  export AWS_ENDPOINT_URL={emulator.Url.ToString().TrimEnd('/')} AWS_REGION={emulator.Options.Region} AWS_DEFAULT_REGION={emulator.Options.Region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test");
        if (emulator.RateLimits.Current is { } limit)
        {
            await output.WriteLineAsync($"rate limit: {limit} (over it: 400 ThrottlingException)");
            await output.WriteLineAsync($"calls: {emulator.CallsUrl}");
        }

        if (clock is not null)
        {
            foreach (var line in await DemoSeed.SeedAsync(emulator, clock, cancellationToken))
            {
                await output.WriteLineAsync(line);
            }
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
    private static (EmulatorOptions? Options, bool Seed, string Error) Parse(IReadOnlyList<string> args)
    {
        var port = 0;
        var host = IPAddress.Loopback;
        var seed = false;
        var region = new EmulatorOptions().Region;
        RateLimit? rateLimit = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !seen.Add(args[i]))
            {
                return (null, false, Usage);
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        return (null, false, $"--port must be a number from 0 to 65535, got '{value}'");
                    }

                    break;
                case "--rate-limit":
                    rateLimit = ParseRateLimit(value);
                    if (rateLimit is null)
                    {
                        return (null, false, $"--rate-limit must be N[,burst]: N calls per second (a positive number), burst a positive whole number, got '{value}'");
                    }

                    break;
                case "--host":
                    if (ParseHost(value) is not { } address)
                    {
                        return (null, false, $"--host must be a loopback address (127.0.0.0/8, ::1 or localhost): the emulator accepts any signature, got '{value}'");
                    }

                    host = address;
                    break;
                case "--region":
                    if (!RegionPattern().IsMatch(value))
                    {
                        return (null, false, $"--region must be a region name like us-east-1, got '{value}'");
                    }

                    region = value;
                    break;
                case "--seed":
                    if (value != DemoSeed.Name)
                    {
                        return (null, false, $"--seed must be '{DemoSeed.Name}' (the only seeded fleet), got '{value}'");
                    }

                    seed = true;
                    break;
                default:
                    return (null, false, Usage);
            }
        }

        return (new EmulatorOptions { Port = port, Host = host, Region = region, RateLimit = rateLimit }, seed, string.Empty);
    }

    private static IPAddress? ParseHost(string value)
    {
        if (string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(value, out var address) && IPAddress.IsLoopback(address) ? address : null;
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

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
