using Cleanup.Cli.Commands;

namespace Cleanup.Tests.Cli;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_RemovesTheStoppedTasksAndKeepsTheRest()
    {
        using var output = new StringWriter();

        var exit = await DemoCommand.RunAsync(output, default);

        var text = output.ToString();
        Assert.Equal(0, exit);
        var after = text[text.IndexOf("AFTER", StringComparison.Ordinal)..];
        Assert.Contains("onprem-db-01", after, StringComparison.Ordinal);
        Assert.Equal(3, after.Split('\n').Count(l => l.Contains(" mi-", StringComparison.Ordinal) || l.TrimStart().StartsWith("mi-", StringComparison.Ordinal)));
        Assert.Contains("-> ignored", text, StringComparison.Ordinal);
        Assert.Contains("nothing to remove", text, StringComparison.Ordinal);
    }
}
