using System.Diagnostics;
using Cleanup.Emulator;

namespace Cleanup.Tests.Cli;

/// <summary>
/// An emulator started for a region is that region's endpoint: the CLI of the same region sweeps it, the CLI of
/// another region is refused before it reads a node (as AWS would refuse it), instead of judging a foreign fleet.
/// </summary>
public class EmulatorRegionCliTests
{
    [Theory]
    [InlineData("eu-west-1", 0, "region:   eu-west-1 (from AWS_REGION)")]
    [InlineData("us-east-1", 4, "scoped to a valid region, not 'us-east-1'")]
    public async Task Sweep_AgainstAnEmulatorOfEuWest1_RunsOnlyInEuWest1(string region, int expectedExit, string says)
    {
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Region = "eu-west-1" });
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = emulator.Url.ToString().TrimEnd('/'),
            ["AWS_REGION"] = region,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };

        var (exit, stdout, stderr) = await CliProcess.RunAsync(environment, "sweep");

        Assert.True(exit == expectedExit, stdout + stderr);
        Assert.Contains(says, stderr, StringComparison.Ordinal);
        Assert.Equal(expectedExit == 0 ? 0 : 1, emulator.Calls.All().Count(c => c.Operation == "GetCallerIdentity" && c.StatusCode != 200));
        Assert.Equal(0, emulator.Calls.Count("DescribeInstanceInformation") * (expectedExit == 0 ? 0 : 1));
    }

    [Fact]
    public async Task EmulatorCommand_RegionFlag_SeedsAndExportsThatRegion()
    {
        var start = CliProcess.Prepare(new Dictionary<string, string?>(), "emulator", "--port", "0", "--region", "ap-southeast-2", "--seed", "demo");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var lines = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("press", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.Contains(lines, l => l.Contains("AWS_REGION=ap-southeast-2 AWS_DEFAULT_REGION=ap-southeast-2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("arn:aws:ecs:ap-southeast-2:123456789012:task/shells/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmulatorCommand_BadRegion_ExitsTwo()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(new Dictionary<string, string?>(), "emulator", "--region", "Europe");

        Assert.Equal(2, exit);
        Assert.Contains("--region must be a region name", stderr, StringComparison.Ordinal);
    }
}
