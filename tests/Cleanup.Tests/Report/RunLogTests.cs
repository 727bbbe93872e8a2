using System.Text.Json.Nodes;
using Cleanup.Execute;
using Cleanup.Plan;
using Cleanup.Report;

namespace Cleanup.Tests.Report;

public class RunLogTests
{
    [Fact]
    public void Lines_CarryThePowertoolsKeys_ServiceFunctionNameAndColdStart()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();
        var item = new ItemOutcome(new Decision(ResourceKind.Node, "mi-0123456789abcdef0", PlannedAction.Keep, Reasons.TaskStatusUnknown, null, new Dictionary<string, string>()), OutcomeStatus.Kept);

        new RunLog(first, TimeProvider.System, "cleanup-CleanupFunction-abc").WriteDecision(item, "event-1", dryRun: false);
        new RunLog(second, TimeProvider.System).WriteDecision(item, "event-1", dryRun: false);

        // Plain JSON: the timestamp's offset is "+00:00", not "\u002B00:00".
        Assert.DoesNotContain("\\u002B", first.ToString(), StringComparison.Ordinal);
        var line = JsonNode.Parse(first.ToString())!;
        Assert.Equal("cleanup", (string?)line["service"]);
        Assert.Equal("cleanup-CleanupFunction-abc", (string?)line["function_name"]);
        Assert.NotNull(line["cold_start"]);
        // Only a process's first run is its cold start; the CLI has no function name.
        var warm = JsonNode.Parse(second.ToString())!;
        Assert.False((bool)warm["cold_start"]!);
        Assert.Null(warm["function_name"]);
    }
}
