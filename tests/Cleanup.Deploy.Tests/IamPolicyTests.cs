using System.Diagnostics;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// Runs the offline IAM proof (tests/iam/simulate.mjs): both templates' policies rendered for several parameter sets,
/// linted against the service authorization reference and evaluated with iam-simulate against allow/deny matrices.
/// It needs node, python3 with cfn-lint, and tests/iam/node_modules (<c>npm ci --prefix tests/iam</c>, which .ci/run
/// does); without them the test is skipped visibly, and with CI=true it fails instead.
/// </summary>
public sealed class IamPolicyTests
{
    [IamSimulationFact]
    public async Task IamSimulation_EveryCaseAsExpected_AndNoValidationErrors()
    {
        var start = new ProcessStartInfo(IamSimulation.Node ?? "node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
            ArgumentList = { IamSimulation.Script },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        var output = await stdout;
        var failures = output.Split('\n').Where(l => l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{string.Join('\n', failures)}\n{await stderr}");
        Assert.Empty(failures);
        Assert.Matches(@"\n[1-9][0-9]+ passed, 0 failed", output);
    }
}

/// <summary>Where the IAM simulation lives, and why it cannot run here (or null when it can).</summary>
public static class IamSimulation
{
    public static string Script { get; } = Repo.Path("tests/iam/simulate.mjs");

    public static string? Node { get; } = Find("node");

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Missing()
    {
        if (Node is null)
        {
            return "node is not on PATH (the IAM simulation needs Node 20+); set CI=true to make this a failure.";
        }

        if (Find("python3") is null)
        {
            return "python3 is not on PATH (tests/iam/render.py renders the templates with cfn-lint's loader and aws-sam-translator); set CI=true to make this a failure.";
        }

        return Directory.Exists(Repo.Path("tests/iam/node_modules/@cloud-copilot/iam-simulate"))
            ? null
            : "tests/iam/node_modules is not installed (npm ci --prefix tests/iam --no-audit --no-fund); set CI=true to make this a failure.";
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs the IAM simulation's tools: skipped visibly without them, a failure when CI=true.</summary>
public sealed class IamSimulationFactAttribute : FactAttribute
{
    public IamSimulationFactAttribute()
    {
        if (IamSimulation.Missing() is { } why && !IamSimulation.RequiredByCi)
        {
            Skip = why;
        }
    }
}
