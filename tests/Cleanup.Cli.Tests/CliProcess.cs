using System.Diagnostics;

namespace Cleanup.Tests.Cli;

/// <summary>Runs the built CLI as a child process with a clean AWS environment, as a user's shell would.</summary>
internal static class CliProcess
{
    /// <summary>
    /// Nothing from the developer's own AWS setup may leak into a child process: no AWS_ or CLEANUP_ variable, no
    /// profile files, no instance metadata. What the test gives it is all it has.
    /// </summary>
    public static void Isolate(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("CLEANUP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync(Prepare(environment, args));

    /// <summary>Starts the prepared process and waits for it (at most two minutes), collecting both streams.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start) => RunAsync(start, null, TimeSpan.FromMinutes(2));

    /// <summary>
    /// As <see cref="RunAsync(ProcessStartInfo)"/>, with <paramref name="during"/> run beside it (e.g. a signal sent);
    /// a process still running after <paramref name="timeout"/> is killed and reported as exit -1.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, Func<Process, Task>? during, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var beside = during?.Invoke(process) ?? Task.CompletedTask;
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, await stdout, await stderr);
        }

        await beside;
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The CLI as a child process with nothing of the developer's AWS setup and the given environment.</summary>
    public static ProcessStartInfo Prepare(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cleanup.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Isolate(start);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
