using System.Diagnostics;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The organisation-wide path: tools/stackset/build.py expands template.yaml with aws-sam-translator into a template
/// a SERVICE_MANAGED StackSet accepts (no Transform: StackSets do not run macros), with both functions' code from the
/// CodeBucket/CodeKey parameters, and cfn-lint accepts it. Needs python3 with cfn-lint (which ships aws-sam-translator):
/// skipped visibly without it, a failure when CI=true.
/// </summary>
public sealed class TemplateStackSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cleanup-stackset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [StackSetToolsFact]
    public async Task Build_ExpandsTheSamTemplate_IntoOneWithoutTransform_ThatCfnLintAccepts()
    {
        var output = Path.Combine(_dir, "cleanup-stackset.yaml");

        var (code, stdout, stderr) = await Run("python3", Repo.Path("tools/stackset/build.py"), "--output", output);
        Assert.True(code == 0, $"build.py exit {code}\n{stdout}\n{stderr}");

        var expanded = TemplateText.Load(output);
        var resources = expanded["Resources"];
        Assert.DoesNotContain("Transform", expanded.Keys);
        Assert.DoesNotContain("AWS::Serverless", expanded.ToString(), StringComparison.Ordinal);
        foreach (var function in new[] { "CleanupFunction", "SweepFunction" })
        {
            Assert.Equal("AWS::Lambda::Function", resources[function].Scalar("Type"));
            var location = resources[function]["Properties"]["Code"];
            Assert.Equal("CodeBucket", location["S3Bucket"].Scalar("Ref"));
            Assert.Equal("CodeKey", location["S3Key"].Scalar("Ref"));
        }

        Assert.Contains(resources.Keys, k => resources[k].Scalar("Type") == "AWS::Lambda::EventSourceMapping");
        Assert.Contains(resources.Keys, k => resources[k].Scalar("Type") == "AWS::Lambda::EventInvokeConfig");

        // Every plain resource of the SAM template is there as it was written, and so is every parameter.
        var sam = TemplateText.Load(Repo.Path("template.yaml"));
        foreach (var logical in sam["Resources"].Keys.Where(k => sam["Resources"][k].Scalar("Type") != "AWS::Serverless::Function"))
        {
            Assert.Equal(sam["Resources"][logical].Scalar("Type"), resources[logical].Scalar("Type"));
        }

        Assert.Equal(
            sam["Parameters"].Keys.Append("CodeBucket").Append("CodeKey").Order(StringComparer.Ordinal),
            expanded["Parameters"].Keys.Order(StringComparer.Ordinal));

        (code, stdout, stderr) = await Run("cfn-lint", output);
        Assert.True(code == 0, $"cfn-lint exit {code}\n{stdout}\n{stderr}");
    }

    [Fact]
    public void RegionParameterFiles_NameTheRegionsOwnCodeBucket_AndOnlyParametersOfTheTemplate()
    {
        var parameters = TemplateText.Load(Repo.Path("template.yaml"))["Parameters"].Keys.Append("CodeBucket").Append("CodeKey").ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(Repo.Path("tools/stackset/regions"), "*.json");

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            var values = json.RootElement.EnumerateArray().ToDictionary(
                p => p.GetProperty("ParameterKey").GetString()!, p => p.GetProperty("ParameterValue").GetString()!, StringComparer.Ordinal);
            Assert.All(values.Keys, key => Assert.Contains(key, parameters));
            Assert.EndsWith("-" + Path.GetFileNameWithoutExtension(file), values["CodeBucket"], StringComparison.Ordinal);
            Assert.True(values.ContainsKey("CodeKey"), file);
        });
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A fact that needs python3 and cfn-lint on PATH: skipped visibly without them, a failure when CI=true.</summary>
public sealed class StackSetToolsFactAttribute : FactAttribute
{
    public StackSetToolsFactAttribute()
    {
        var missing = new[] { "python3", "cfn-lint" }.FirstOrDefault(tool => !OnPath(tool));
        if (missing is not null && !IamSimulation.RequiredByCi)
        {
            Skip = $"{missing} is not on PATH (tools/stackset/build.py needs python3 with cfn-lint and aws-sam-translator); set CI=true to make this a failure.";
        }
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));
}
