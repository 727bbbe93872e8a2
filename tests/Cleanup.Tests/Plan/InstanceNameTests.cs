using Cleanup.Inventory;
using Cleanup.Plan;
using static Cleanup.Tests.Plan.PlanFixture;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Plan;

/// <summary>The name is compared with CLUSTER/TASK-ID in place; only that exact string (ordinal) is the convention.</summary>
public class InstanceNameTests
{
    [Theory]
    [InlineData("{0}/{1}", Reasons.TaskStopped)]
    [InlineData("{0}/{1}/", Reasons.NameMismatch)]
    [InlineData("{0}/{1}x", Reasons.NameMismatch)]
    [InlineData("{0}//{1}", Reasons.NameMismatch)]
    [InlineData("{0}-{1}", Reasons.NameMismatch)]
    [InlineData("{0}x/{1}", Reasons.NameMismatch)]
    [InlineData("/{0}/{1}", Reasons.NameMismatch)]
    [InlineData("{1}/{0}", Reasons.NameMismatch)]
    [InlineData("{1}", Reasons.NameMismatch)]
    [InlineData("{0}/", Reasons.NameMismatch)]
    [InlineData("", Reasons.NameMismatch)]
    [InlineData("SHELLS/{1}", Reasons.NameMismatch)]
    public void Plan_NodeName_MustBeExactlyClusterSlashTaskId(string format, string reason)
    {
        var task = Task("shells");
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, "shells", task.Task.TaskId);
        var node = OldNode(task, TimeSpan.FromHours(1)) with { Name = name };

        var decision = Assert.Single(PlanSweep([node], [], [Evidence(task, TaskState.Stopped)]).Nodes);

        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Plan_NodeWithoutName_IsANameMismatch()
    {
        var task = Task("shells");
        var node = OldNode(task, TimeSpan.FromHours(1)) with { Name = null };

        var decision = Assert.Single(PlanSweep([node], [], [Evidence(task, TaskState.Stopped)]).Nodes);

        Assert.Equal(Reasons.NameMismatch, decision.Reason);
    }
}
