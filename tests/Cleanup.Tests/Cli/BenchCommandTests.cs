using Cleanup.Cli.Commands;

namespace Cleanup.Tests.Cli;

public class BenchCommandTests
{
    [Fact]
    public async Task Bench_SmallFleet_CleansEverythingAndPrintsCallsPerEvent()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BenchCommand.RunAsync(["--tasks", "5"], output, error, default);

        Assert.Equal(0, exit);
        Assert.Contains("events: 4", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("SSM calls per event: 6.00", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("nodes left: 0, activations left: 0, failed runs: 0", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tasks", "0")]
    [InlineData("--tasks", "many")]
    [InlineData("--fleet", "5")]
    public async Task Bench_BadArguments_ExitTwo(string flag, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, await BenchCommand.RunAsync([flag, value], output, error, default));
    }
}
