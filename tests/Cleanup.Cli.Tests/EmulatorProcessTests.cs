using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cleanup.Tests.Cli;

/// <summary>`cleanup emulator` as a process: its exports serve AWS CLI v1 and v2, and SIGTERM stops it at once.</summary>
public class EmulatorProcessTests
{
    [Fact]
    public async Task Emulator_StopsOnSigtermWithinASecond_AndExportsBothRegionVariables()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cleanup.Cli.dll"));
        start.ArgumentList.Add("emulator");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string? exports = null;
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("press", StringComparison.Ordinal))
        {
            exports = line.Contains("export", StringComparison.Ordinal) ? line : exports;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(timeout.Token);
        }

        var watch = Stopwatch.StartNew();
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"stopped after {watch.Elapsed}");
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("AWS_REGION=us-east-1", exports, StringComparison.Ordinal);
        Assert.Contains("AWS_DEFAULT_REGION=us-east-1", exports, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_BusyPort_OneLineAndExit8()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string?>(), "emulator", "--port", port);

        Assert.Equal(8, exit);
        Assert.Equal($"port {port} on 127.0.0.1 is already in use: stop what uses it or pick another --port", stderr.Trim());
    }

    [Theory]
    [InlineData("--host", "0.0.0.0")]
    [InlineData("--host", "10.1.2.3")]
    [InlineData("--host", "example.com")]
    [InlineData("--seed", "production")]
    public async Task Emulator_NonLoopbackHostOrUnknownSeed_OneLineAndExit2(string option, string value)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(new Dictionary<string, string?>(), "emulator", option, value);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(value, stderr, StringComparison.Ordinal);
    }
}
