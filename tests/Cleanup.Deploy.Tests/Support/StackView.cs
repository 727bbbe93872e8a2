using System.Diagnostics;
using System.Text.Json;

namespace Cleanup.Tests.Support;

/// <summary>
/// What a deploy of template.yaml with some parameters would contain, as CloudFormation evaluates it: the resources
/// whose conditions hold, each alarm's actions and the outputs with their values (tests/iam/render.py --stack: the
/// SAM transform, then the conditions and intrinsics). Needs python3 with cfn-lint, like the StackSet build.
/// </summary>
internal sealed record StackView(
    IReadOnlyDictionary<string, string> Resources,
    IReadOnlyDictionary<string, string[]> AlarmActions,
    IReadOnlyDictionary<string, string> Outputs)
{
    public static async Task<StackView> RenderAsync(params string[] parameters)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
            ArgumentList = { Repo.Path("tests/iam/render.py"), "--stack", Repo.Path("template.yaml") },
        };
        foreach (var parameter in parameters)
        {
            start.ArgumentList.Add(parameter);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"render.py --stack {string.Join(' ', parameters)}: exit {process.ExitCode}\n{await stderr}");
        }

        using var json = JsonDocument.Parse(await stdout);
        var root = json.RootElement;
        return new StackView(
            root.GetProperty("resources").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
            root.GetProperty("alarmActions").EnumerateObject().ToDictionary(
                p => p.Name, p => p.Value.EnumerateArray().Select(a => a.GetString()!).ToArray(), StringComparer.Ordinal),
            root.GetProperty("outputs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal));
    }
}
