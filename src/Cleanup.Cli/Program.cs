using System.CommandLine;
using System.CommandLine.Help;
using System.Runtime.InteropServices;
using Cleanup.Cli.Commands;

namespace Cleanup.Cli;

/// <summary>`cleanup` — the Lambda's pipeline on the command line, the local emulator and the demo.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // The last resort, for a throw on a thread of its own: one line, not the runtime's stack trace.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Console.Error.WriteLine(Unexpected(e.ExceptionObject as Exception));
            Environment.Exit(ExitCodes.Failed);
        };

        // Ctrl+C and SIGTERM cancel the command's token; a command that still runs 2 s later (a call that ignores its
        // token) is ended all the same, with the shell's code for the signal (128 + signal).
        using var stop = new CancellationTokenSource();
        var stoppedBy = ExitCodes.Interrupted;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stoppedBy = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
            stop.Cancel();
            _ = Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None).ContinueWith(
                _ =>
                {
                    Console.Error.WriteLine(InterruptedLine);
                    Environment.Exit(stoppedBy);
                },
                TaskScheduler.Default);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            return await RunAsync(args, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync(InterruptedLine);
            return stoppedBy;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(Unexpected(ex));
            return ExitCodes.Failed;
        }
    }

    private const string InterruptedLine = "cleanup: interrupted; calls already made may have completed, nothing more was started";

    private static async Task<int> RunAsync(string[] args, CancellationToken stop)
    {
        var root = Build(Console.Out, Console.Error);
        var parsed = root.Parse(args);

        // One line naming what was wrong, not the whole help text: the help is one `--help` away.
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            var command = string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? ["cleanup"] : ["cleanup", parsed.CommandResult.Command.Name]);
            await Console.Error.WriteLineAsync($"{command}: {OneLine(string.Join(" ", parsed.Errors.Select(e => e.Message)))} (see `{command} --help`)");
            return ExitCodes.Invalid;
        }

        // Main handles the signals (ProcessTerminationTimeout null turns System.CommandLine's off) and the exceptions:
        // its own handler would print the stack trace.
        var configuration = new InvocationConfiguration
        {
            Output = Console.Out,
            Error = Console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(configuration, stop);
    }

    /// <summary>Every known failure has its own line and code; this one is for what nobody foresaw.</summary>
    internal static string Unexpected(Exception? ex) =>
        $"cleanup: unexpected error ({ex?.GetType().Name ?? "unknown"}): {OneLine(ex?.Message ?? string.Empty)}; please report it with the command that was run";

    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Deregisters the SSM hybrid nodes and deletes the SSM activations of dead ECS tasks.\n"
            + "invoke and sweep are dry runs unless --apply is given.\n\n" + ExitCodes.Help);
        root.Subcommands.Add(Demo(output));
        root.Subcommands.Add(Invoke(output, error));
        root.Subcommands.Add(Sweep(output, error));
        root.Subcommands.Add(Emulator(output, error));
        return root;
    }

    private static Command Demo(TextWriter output)
    {
        var demo = new Command("demo", "Run the pipeline against an in-process emulator and show the registry before and after.");
        demo.SetAction((_, cancellationToken) => DemoCommand.RunAsync(output, cancellationToken));
        return demo;
    }

    private static Command Invoke(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("EVENT.json") { Description = "An EventBridge event or an SQS batch (see events/*.json)." };
        var aws = new AwsOptions();
        var shown = new OutputOptions();
        var behaviour = new BehaviourOptions(sweep: false);
        var invoke = new Command("invoke", "Run the handler on an event file against the standard AWS settings and show what it did (a table; the result JSON with --output json). "
            + "Each behaviour flag overrides its CLEANUP_* variable and is validated as the function validates it.")
        {
            file,
        };
        aws.AddTo(invoke);
        shown.AddTo(invoke);
        behaviour.AddTo(invoke);
        invoke.SetAction((parse, cancellationToken) =>
            InvokeCommand.RunAsync(parse.GetValue(file)!, aws.Read(parse) with { Settings = behaviour.Read(parse) }, shown.Read(parse), output, error, cancellationToken));
        return invoke;
    }

    private static Command Sweep(TextWriter output, TextWriter error)
    {
        var lease = new Option<string>("--lease")
        {
            Description = "Take the deployed stack's sweep lease (its SSM parameter, e.g. /cleanup/STACK/sweep-lease) so this sweep never "
                + "runs beside the scheduled one; exit 9 if another sweep holds it. Default: CLEANUP_SWEEP_LEASE, else no lease.",
            HelpName = "PARAMETER",
        };
        var aws = new AwsOptions();
        var shown = new OutputOptions();
        var behaviour = new BehaviourOptions(sweep: true);
        var sweep = new Command("sweep", "Run the scheduled sweep once against the standard AWS settings and show what it did: the items that changed, failed or "
            + "need attention, the others counted (the full result with --output json). Each behaviour flag overrides its CLEANUP_* variable and is "
            + "validated as the function validates it.")
        {
            lease,
        };
        aws.AddTo(sweep);
        shown.AddTo(sweep);
        behaviour.AddTo(sweep);
        sweep.SetAction((parse, cancellationToken) =>
            SweepCommand.RunAsync(aws.Read(parse) with { Lease = parse.GetValue(lease), Settings = behaviour.Read(parse) }, shown.Read(parse), output, error, cancellationToken));
        return sweep;
    }

    private static Command Emulator(TextWriter output, TextWriter error)
    {
        var port = new Option<string>("--port") { Description = "Port on the --host address (0 picks a free one).", HelpName = "N" };
        var host = new Option<string>("--host") { Description = "Address to listen on: loopback only (127.0.0.0/8, ::1, localhost); default 127.0.0.1.", HelpName = "ADDRESS" };
        var rateLimit = new Option<string>("--rate-limit") { Description = "Calls per second and burst; over it: 400 ThrottlingException.", HelpName = "N[,burst]" };
        var region = new Option<string>("--region") { Description = "The region the emulator answers for: its ARNs, and the only region a request may be signed for (default us-east-1).", HelpName = "NAME" };
        var seed = new Option<string>("--seed") { Description = "Start with a fleet: 'demo' (the sample events' task, stopped, plus running tasks and an on-prem node).", HelpName = "demo" };
        var emulator = new Command(
            "emulator",
            "Serve the local AWS emulator (SSM, ECS, STS) on 127.0.0.1 until stopped. Exit codes: 0 stopped, 2 invalid options, 8 the port is already in use.")
        {
            port,
            host,
            region,
            rateLimit,
            seed,
        };
        emulator.SetAction((parse, cancellationToken) =>
        {
            var args = new List<string>();
            if (parse.GetValue(port) is { } p)
            {
                args.AddRange(["--port", p]);
            }

            if (parse.GetValue(host) is { } h)
            {
                args.AddRange(["--host", h]);
            }

            if (parse.GetValue(region) is { } g)
            {
                args.AddRange(["--region", g]);
            }

            if (parse.GetValue(rateLimit) is { } r)
            {
                args.AddRange(["--rate-limit", r]);
            }

            if (parse.GetValue(seed) is { } s)
            {
                args.AddRange(["--seed", s]);
            }

            return EmulatorCommand.RunAsync(args, output, error, cancellationToken);
        });
        return emulator;
    }
}
