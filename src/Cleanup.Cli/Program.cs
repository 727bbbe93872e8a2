using Cleanup.Cli.Commands;

namespace Cleanup.Cli;

/// <summary>`cleanup` — the Lambda's pipeline on the command line, the local emulator and the demo.</summary>
public static class Program
{
    public const string Usage = """
        usage:
          cleanup demo                          run the pipeline against an in-process emulator and show before/after
          cleanup invoke EVENT.json [--dry-run] run the handler on an event file against the standard AWS settings
                                                (AWS_REGION, credentials, AWS_ENDPOINT_URL for the emulator)
          cleanup sweep [--dry-run] [--json]    run the scheduled sweep once against the standard AWS settings and
                                                print every decision, the dead-node cost and the result JSON
          cleanup emulator [--port N] [--rate-limit N[,burst]]  serve the local AWS emulator on 127.0.0.1 until stopped
          cleanup bench [--sweep] [--tasks N]   measure the event path, or one sweep, against the emulator (200 tasks)
          cleanup bench --burst [options]       N tasks stop at once, delivered as the SQS mapping would, against a quota
          cleanup bench --planner [--tasks N]   time the planner on N nodes + N activations (100000)
        exit codes: 0 done or ignored, 1 a removal or AWS call failed, 2 invalid input, options or usage, 3 brake tripped
        """;

    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        return args switch
        {
            ["demo"] => await DemoCommand.RunAsync(Console.Out, stop.Token),
            ["invoke", .. var rest] => await InvokeCommand.RunAsync(rest, Console.Out, Console.Error, stop.Token),
            ["sweep", .. var rest] => await SweepCommand.RunAsync(rest, Console.Out, Console.Error, stop.Token),
            ["bench", .. var rest] => await BenchCommand.RunAsync(rest, Console.Out, Console.Error, stop.Token),
            ["emulator", .. var rest] => await EmulatorCommand.RunAsync(rest, Console.Out, Console.Error, stop.Token),
            _ => UsageError(args),
        };
    }

    private static int UsageError(string[] args)
    {
        if (args is not ([] or ["help"] or ["--help"] or ["-h"]))
        {
            Console.Error.WriteLine($"unknown command: {string.Join(' ', args)}");
        }

        Console.Error.WriteLine(Usage);
        return args is ["help"] or ["--help"] or ["-h"] ? 0 : ExitCodes.Invalid;
    }
}
