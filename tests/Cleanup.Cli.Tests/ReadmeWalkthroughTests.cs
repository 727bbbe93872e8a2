using System.Diagnostics;
using System.Globalization;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>
/// README's walk-through against the emulator, run as written: `emulator --seed demo` in the background on a free
/// port, the exports, then every command with the exit its comment states, then SIGTERM.
/// </summary>
public class ReadmeWalkthroughTests
{
    [Fact]
    public Task Walkthrough_CleanupCommands_ExitAsReadmeSays() => RunAsync(includeAws: false);

    [AwsCliFact]
    public Task Walkthrough_WithAwsCli_ExitsAsReadmeSays() => RunAsync(includeAws: true);

    private static async Task RunAsync(bool includeAws)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var port = ReadmeWalkthrough.FreePort();
        var walkthrough = ReadmeWalkthrough.Parse(await File.ReadAllTextAsync(Repo.Path("README.md")), port);
        Assert.Contains("--seed demo", walkthrough.EmulatorArgs, StringComparison.Ordinal);
        Assert.Contains(walkthrough.Steps, s => s.Tool == "aws");
        Assert.Contains(walkthrough.Steps, s => s.Args.SequenceEqual(["invoke", "events/sqs-batch.json"]));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cleanup.Cli.dll"));
        foreach (var arg in walkthrough.EmulatorArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(arg);
        }

        using var emulator = Process.Start(start)!;
        var emulatorErrors = emulator.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var banner = new List<string>();
            while (await emulator.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("press", StringComparison.Ordinal))
            {
                banner.Add(line);
            }

            Assert.True(banner.Any(l => l.Contains("task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e", StringComparison.Ordinal)), string.Join('\n', banner) + await ErrorsIfExitedAsync(emulator, emulatorErrors));
            Assert.Contains(banner, l => l.Contains($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal));

            foreach (var step in walkthrough.Steps.Where(s => includeAws || s.Tool != "aws"))
            {
                var (exit, stdout, stderr) = await walkthrough.RunAsync(step);
                Assert.True(exit == step.ExpectedExit, $"`{step.Line}` exited {exit}, README says {step.ExpectedExit}\n{stdout}\n{stderr}");
                AssertWhatReadmeSays(step, stdout);
            }

            using var kill = Process.Start("kill", ["-TERM", emulator.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(timeout.Token);
            await emulator.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, emulator.ExitCode);
        }
        finally
        {
            if (!emulator.HasExited)
            {
                emulator.Kill(entireProcessTree: true);
            }
        }
    }

    // The comments' claims beyond the exit code.
    private static void AssertWhatReadmeSays(ReadmeWalkthrough.Step step, string stdout)
    {
        switch (step.Args[0])
        {
            case "invoke":
                // No message comes back: the sample's two are settled, and the old-ARN task's cluster does not exist (gone).
                Assert.Contains("queue: no message comes back", stdout, StringComparison.Ordinal);
                Assert.Equal(2, stdout.Split('\n').Count(l => l.Contains("would-remove", StringComparison.Ordinal)));
                break;
            case "sweep":
                Assert.Contains("8 items: 2 to remove, 6 kept.", stdout, StringComparison.Ordinal);
                Assert.Contains("dry-run", stdout, StringComparison.Ordinal);
                break;
            case "ecs" when step.Args.Contains("list-clusters"):
                Assert.Contains("cluster/shells", stdout, StringComparison.Ordinal);
                break;
        }
    }

    private static async Task<string> ErrorsIfExitedAsync(Process process, Task<string> errors) =>
        process.HasExited ? "\n" + await errors : string.Empty;
}
