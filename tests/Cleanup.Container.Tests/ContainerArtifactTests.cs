using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cleanup.Container.Tests.Support;

namespace Cleanup.Container.Tests;

/// <summary>The files beside the script: lint-clean, and consistent with the variables the script reads.</summary>
public sealed partial class ContainerArtifactTests
{
    [ShellcheckFact]
    public async Task Shellcheck_EntrypointAndStubAgent_AreClean()
    {
        var start = new ProcessStartInfo(Tools.Shellcheck ?? "shellcheck")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { Repo.Entrypoint, Repo.Path("tests/Cleanup.Container.Tests/Stubs/amazon-ssm-agent") },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start shellcheck.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stdout + await stderr);
    }

    [Fact]
    public void Entrypoint_IsPosixSh()
    {
        var first = File.ReadLines(Repo.Entrypoint).First();

        Assert.Equal("#!/bin/sh", first);
    }

    [Fact]
    public void TaskDefinitionExample_Parses_AndSetsOnlyVariablesTheScriptReads()
    {
        var definition = JsonNode.Parse(File.ReadAllText(Repo.Path("src/container/task-definition.example.json")))!;
        var container = definition["containerDefinitions"]!.AsArray().Single()!;
        var names = container["environment"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();

        Assert.Contains("SSM_ENTRYPOINT_IAM_ROLE", names);
        Assert.Empty(names.Except(ScriptVariables()));
        Assert.True(container["linuxParameters"]!["initProcessEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Docs_DocumentEveryVariableTheScriptReads()
    {
        var section = File.ReadAllText(Repo.Path("docs/containers.md"));

        var undocumented = ScriptVariables().Where(v => !section.Contains($"`{v}`", StringComparison.Ordinal)).ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void DefaultTagPrefix_IsCleanups()
    {
        var script = File.ReadAllText(Repo.Entrypoint);
        var template = File.ReadAllText(Repo.Path("template.yaml"));

        Assert.Contains("prefix=${SSM_ENTRYPOINT_TAG_PREFIX:-ssm-cleanup}", script, StringComparison.Ordinal);
        Assert.Matches(@"TagPrefix:\s+Type: String\s+Default: ssm-cleanup", template);
        Assert.Matches(@"TagPrefix:\s+Type: String\s+Default: ssm-cleanup", File.ReadAllText(Repo.Path("src/container/hybrid-role.yaml")));
    }

    [Fact]
    public void SelfClean_IsOptIn_InTheScript_TheExampleAndTheRoleTemplate()
    {
        var script = File.ReadAllText(Repo.Entrypoint);
        var role = File.ReadAllText(Repo.Path("src/container/hybrid-role.yaml"));
        var taskPolicy = role[role.IndexOf("  TaskPolicy:", StringComparison.Ordinal)..role.IndexOf("  SelfCleanPolicy:", StringComparison.Ordinal)];
        var definition = JsonNode.Parse(File.ReadAllText(Repo.Path("src/container/task-definition.example.json")))!;
        var environment = definition["containerDefinitions"]![0]!["environment"]!.AsArray();

        Assert.Contains("self_clean=${SSM_ENTRYPOINT_SELF_CLEAN:-false}", script, StringComparison.Ordinal);
        Assert.Matches(@"SelfClean:\s+Type: String\s+Default: ""false""", role);
        Assert.Matches(@"SelfCleanPolicy:\s+Type: AWS::IAM::ManagedPolicy\s+Condition: WithSelfClean\s", role);
        Assert.DoesNotContain("ssm:DeregisterManagedInstance", taskPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("ssm:DeleteActivation", taskPolicy, StringComparison.Ordinal);
        Assert.Contains(environment, e => e!["name"]!.GetValue<string>() == "SSM_ENTRYPOINT_SELF_CLEAN" && e["value"]!.GetValue<string>() == "false");
    }

    private static List<string> ScriptVariables() =>
        [.. SsmEntrypointVariable().Matches(File.ReadAllText(Repo.Entrypoint)).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"SSM_ENTRYPOINT_[A-Z_]*[A-Z]")]
    private static partial Regex SsmEntrypointVariable();
}
