using System.Diagnostics;
using System.Text;

namespace Cleanup.Container.Tests.Support;

/// <summary>The running entrypoint: its output as it comes, signals, and bounded waits (nothing waits forever).</summary>
public sealed class EntrypointProcess : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EntrypointProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string StdOut
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string Output => StdOut + StdErr;

    public static EntrypointProcess Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        var result = new EntrypointProcess(process);
        process.OutputDataReceived += (_, e) => Append(result._stdout, result._stdoutClosed, e.Data);
        process.ErrorDataReceived += (_, e) => Append(result._stderr, result._stderrClosed, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The container's stdin: empty.
        process.StandardInput.Close();
        return result;
    }

    /// <summary>Sends a signal by name (TERM, INT) the way ECS or docker stop does: to the entrypoint only.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })
            ?? throw new InvalidOperationException("Could not run kill.");
        if (!kill.WaitForExit(10_000) || kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {name} {Id} failed.");
        }
    }

    /// <summary>Waits for the exit and for all output (children holding the pipes included); kills the tree on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The entrypoint did not finish within {timeout ?? DefaultTimeout}. Output so far:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (_process.HasExited)
            {
                // One last look: the condition may have become true just before the exit.
                if (condition())
                {
                    return;
                }

                throw new InvalidOperationException($"The entrypoint exited ({_process.ExitCode}) before {what}. Output:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Timed out waiting for {what}. Output so far:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder target, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (target)
        {
            target.Append(line).Append('\n');
        }
    }
}
