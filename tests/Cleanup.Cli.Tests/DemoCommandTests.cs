using Cleanup.Cli.Commands;

namespace Cleanup.Tests.Cli;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_EventsAndSweepRemoveTheStoppedTasksAndKeepTheRest()
    {
        using var output = new StringWriter();

        var exit = await DemoCommand.RunAsync(output, default);

        var text = output.ToString();
        Assert.Equal(0, exit);
        var after = text[text.IndexOf("AFTER", StringComparison.Ordinal)..];
        Assert.Contains("onprem-db-01", after, StringComparison.Ordinal);
        Assert.Equal(2, after.Split('\n').Count(l => l.TrimStart().StartsWith("mi-", StringComparison.Ordinal)));
        Assert.Contains("ECS says RUNNING", text, StringComparison.Ordinal);
        Assert.Contains("""{"batchItemFailures":[]}""", text, StringComparison.Ordinal);
        Assert.Contains("(task-missing)", text, StringComparison.Ordinal);
        Assert.Contains("(task-alive)", text, StringComparison.Ordinal);
        Assert.Contains("overlapping sweep", text, StringComparison.Ordinal);
        Assert.Contains("-> skipped: another sweep holds the lease /cleanup/demo/sweep-lease", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ClosingHint_NamesEveryStepTheNextTryNeeds()
    {
        using var output = new StringWriter();

        await DemoCommand.RunAsync(output, default);

        // Without the seed there is nothing to act on; without the exports the CLI would talk to AWS itself.
        var hint = output.ToString()[output.ToString().IndexOf("Next,", StringComparison.Ordinal)..];
        Assert.Contains("cleanup emulator --seed demo", hint, StringComparison.Ordinal);
        Assert.Contains("export", hint, StringComparison.Ordinal);
        Assert.Contains("cleanup invoke events/sqs-batch.json", hint, StringComparison.Ordinal);
    }
}
