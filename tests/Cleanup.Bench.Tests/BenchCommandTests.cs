namespace Cleanup.Bench.Tests;

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
        // Per event: DescribeTasks, DescribeInstanceInformation, DescribeActivations, then the node and the activation.
        Assert.Contains("AWS calls per event: 5.00", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("nodes left: 0, activations left: 0, failed runs: 0", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurstBench_SmallBurst_DrainsTheQueueWithNothingDeadLettered()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Small batches and no window keep the run short. No operation needs more calls than its bucket holds, so
        // nothing is throttled and the quota's floor (66 calls ÷ 30/s = 2.2 s) stays far above the run's own
        // overhead even on a busy machine: the ratio, which exit 0 requires, is not in doubt.
        var exit = await BenchCommand.RunAsync(
            ["--burst", "--tasks", "30", "--rate-limit", "30", "--visibility", "2", "--batch-size", "10", "--window", "0"], output, error, default);

        Assert.True(exit == 0, output.ToString() + error);
        Assert.Contains("dead-letter queue: 0 (target 0)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("nodes left: 0, activations left: 0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 still queued", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", "0")]
    [InlineData("2", "10")]
    public async Task BurstBench_BatchLargerThanMaxDeletionsPerRun_SettlesTheLimitPerReceiveAndDeadLettersOnlyPastMaxReceive(string maxReceive, string deadLettered)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // One batch of 30 one-node tasks, 10 settled per run: three receives drain it, two leave 10 for the DLQ.
        await BenchCommand.RunAsync(
            ["--burst", "--tasks", "30", "--rate-limit", "30", "--visibility", "1", "--batch-size", "30", "--window", "0", "--max-deletions", "10", "--max-receive", maxReceive],
            output,
            error,
            default);

        Assert.Contains($"dead-letter queue: {deadLettered} (target 0)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"nodes left: {deadLettered}, activations left: {deadLettered}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"most receives of one message: {maxReceive} ", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--burst", "--max-deletions", "-1")]
    [InlineData("--burst", "--tasks", "0")]
    [InlineData("--burst", "--rate-limit", "0")]
    [InlineData("--burst", "--max-concurrency", "1")]
    [InlineData("--burst", "--visibility")]
    [InlineData("--burst", "--sweep", "1")]
    public async Task BurstBench_BadArguments_ExitTwo(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, await BenchCommand.RunAsync(args, output, error, default));
    }

    [Fact]
    public async Task Help_NamesTheInvocationAndEveryMode_ExitZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BenchCommand.RunAsync(["--help"], output, error, default);

        Assert.Equal(0, exit);
        Assert.Contains($"{BenchCommand.Invocation} --burst", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{BenchCommand.Invocation} --planner", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{BenchCommand.Invocation} [--sweep]", output.ToString(), StringComparison.Ordinal);
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
