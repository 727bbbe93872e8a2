using System.Text.RegularExpressions;

namespace Cleanup.Bench.Tests;

/// <summary>The planner harness plans its generated fleet and prints the median against its floors (no timing asserted).</summary>
public partial class PlannerBenchTests
{
    [Fact]
    public async Task PlannerBench_SmallFleet_PrintsTheMedianAgainstItsFloorsAndWhatThePlanRemoves()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BenchCommand.RunAsync(["--planner", "--tasks", "2000"], output, error, default);

        var text = output.ToString();
        Assert.True(exit is 0 or 1, text + error);
        Assert.Contains("planner: 2000 nodes + 2000 activations: median ", text, StringComparison.Ordinal);
        Assert.Contains("(floor < 200 ms)", text, StringComparison.Ordinal);
        var plan = PlanLine().Match(text);
        Assert.True(plan.Success, text);
        Assert.NotEqual("0", plan.Groups["nodes"].Value);
        Assert.NotEqual("0", plan.Groups["activations"].Value);
        Assert.Equal(exit == 0, text.Contains("floors met", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--planner", "--tasks", "0")]
    [InlineData("--planner", "--tasks", "1000001")]
    [InlineData("--planner", "--sweep")]
    public async Task PlannerBench_BadArguments_ExitTwo(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, await BenchCommand.RunAsync(args, output, error, default));
        Assert.Contains(BenchCommand.Invocation, error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<nodes>\d+) nodes to deregister, (?<activations>\d+) activations to delete, brake open; ")]
    private static partial Regex PlanLine();
}
