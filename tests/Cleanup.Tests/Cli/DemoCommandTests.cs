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
}
