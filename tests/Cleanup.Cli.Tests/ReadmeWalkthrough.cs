using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>
/// README's "Against the emulator:" shell block, parsed: the emulator line (run in the background), the exports,
/// and the commands, each with the exit its comment names ("exit N", else 0).
/// </summary>
internal sealed partial record ReadmeWalkthrough(string EmulatorArgs, IReadOnlyDictionary<string, string> Exports, IReadOnlyList<ReadmeWalkthrough.Step> Steps)
{
    public const string DotnetRun = "dotnet run --project src/Cleanup.Cli --";

    public static string? AwsCliPath { get; } = Find(OperatingSystem.IsWindows() ? ["aws.exe", "aws.cmd"] : ["aws"]);

    public sealed record Step(string Line, string Tool, IReadOnlyList<string> Args, int ExpectedExit);

    /// <summary>The block, with README's port 4566 replaced by <paramref name="port"/>.</summary>
    public static ReadmeWalkthrough Parse(string readme, int port)
    {
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var section = Array.IndexOf(lines, "## Quick start");
        Assert.True(section >= 0, "README has no section \"Quick start\"");
        var lead = Array.IndexOf(lines, "Against the emulator:", section);
        Assert.True(lead > section, "\"Against the emulator:\" is not in \"Quick start\"");
        var open = Array.IndexOf(lines, "```sh", lead);
        var close = Array.IndexOf(lines, "```", open + 1);
        Assert.True(open > lead && close > open, "no ```sh block after \"Against the emulator:\"");
        Assert.True(lines[(lead + 1)..open].All(string.IsNullOrWhiteSpace), "the block must follow the lead-in line");

        string? emulator = null;
        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        var steps = new List<Step>();
        foreach (var raw in lines[(open + 1)..close].Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var hash = raw.IndexOf(" #", StringComparison.Ordinal);
            var command = (hash < 0 ? raw : raw[..hash]).Trim().Replace("4566", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var comment = hash < 0 ? string.Empty : raw[(hash + 2)..];
            Assert.DoesNotContain('"', command);
            Assert.DoesNotContain('\'', command);
            if (command.StartsWith("export ", StringComparison.Ordinal))
            {
                foreach (var pair in command["export ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    exports[pair[..eq]] = pair[(eq + 1)..];
                }

                continue;
            }

            var background = command.EndsWith('&');
            command = command.TrimEnd('&').Trim();
            string tool;
            if (command.StartsWith(DotnetRun + " ", StringComparison.Ordinal))
            {
                tool = "cleanup";
                command = command[(DotnetRun.Length + 1)..];
            }
            else if (command.StartsWith("aws ", StringComparison.Ordinal))
            {
                tool = "aws";
                command = command["aws ".Length..];
            }
            else
            {
                throw new InvalidOperationException($"README walk-through line the test cannot run: {raw}");
            }

            if (background)
            {
                Assert.Equal("cleanup", tool);
                Assert.Null(emulator);
                emulator = command;
                continue;
            }

            var exit = ExitComment().Match(comment);
            steps.Add(new Step(raw, tool, command.Split(' ', StringSplitOptions.RemoveEmptyEntries), exit.Success ? int.Parse(exit.Groups[1].Value, CultureInfo.InvariantCulture) : 0));
        }

        Assert.NotNull(emulator);
        return new ReadmeWalkthrough(emulator, exports, steps);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a step from the repository root with only the block's exports as AWS settings.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Step step)
    {
        var start = new ProcessStartInfo(step.Tool == "aws" ? AwsCliPath ?? "aws" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        if (step.Tool == "cleanup")
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cleanup.Cli.dll"));
        }

        foreach (var arg in step.Args)
        {
            start.ArgumentList.Add(arg);
        }

        CliProcess.Isolate(start);
        start.Environment["AWS_PAGER"] = string.Empty;
        foreach (var (name, value) in Exports)
        {
            start.Environment[name] = value;
        }

        return await CliProcess.RunAsync(start);
    }

    private static string? Find(string[] names) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"\bexit (\d+)\b")]
    private static partial Regex ExitComment();
}
