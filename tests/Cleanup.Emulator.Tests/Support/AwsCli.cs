using System.Diagnostics;

namespace Cleanup.Emulator.Tests.Support;

/// <summary>Runs the AWS CLI as a child process against an emulator, isolated from the user's AWS configuration.</summary>
public static class AwsCli
{
    public static string? Path { get; } = Find();

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(Uri endpoint, params string[] arguments)
    {
        var path = Path ?? throw new InvalidOperationException("The AWS CLI ('aws') is not on PATH, and CI=true requires it.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString());
        start.ArgumentList.Add("--region");
        start.ArgumentList.Add("us-east-1");
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");

        // Nothing from the developer's own AWS setup may leak in: no profile, no real endpoint, no real keys.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var missing = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cleanup-emulator-tests-no-such-aws-config");
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "secret";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_CONFIG_FILE"] = missing;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = missing;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aws.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "aws.exe", "aws.cmd" } : ["aws"];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => System.IO.Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}
