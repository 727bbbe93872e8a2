using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Plan;

/// <summary>
/// Legacy candidates are looked up by address instead of scanned; a match is still counted per candidate, exactly as
/// the scan counted it.
/// </summary>
public class LegacyCandidateIndexTests
{
    private const string LegacyName = "fargate-shell";

    private static readonly CleanupOptions _report = TestOptions.Default with { Sweep = new SweepSettings { LegacyMode = LegacyMode.Report, LegacyName = LegacyName } };

    private static ManagedNode LegacyNode(string? ip) =>
        Node(new Dictionary<string, string>(), LegacyName) with
        {
            IPAddress = ip,
            RegistrationDate = Now.AddHours(-5).AddMinutes(1),
            LastPingDateTime = Now.AddHours(-4),
            PingStatus = "ConnectionLost",
        };

    private static EcsTask Stopped(params string[] ips) => new(
        $"arn:aws:ecs:us-east-1:123456789012:task/shells/{Guid.NewGuid():N}",
        "arn:aws:ecs:us-east-1:123456789012:cluster/shells",
        "STOPPED",
        Now.AddHours(-5),
        Now.AddHours(-5).AddSeconds(30),
        Now.AddHours(-2),
        "EssentialContainerExited",
        ips);

    [Fact]
    public void Legacy_TaskListingTheAddressTwice_IsOneMatch()
    {
        var task = Stopped("10.0.1.25", "10.0.1.25");

        var decision = Assert.Single(PlanSweep([LegacyNode("10.0.1.25")], [], [], _report, [task]).Nodes);

        Assert.Equal((Reasons.LegacyCandidate, task.TaskArn), (decision.Reason, decision.TaskArn));
    }

    [Fact]
    public void Legacy_TaskWithSeveralAddresses_IsFoundByAnyOfThem()
    {
        var task = Stopped("10.0.9.1", "10.0.1.25");

        var decision = Assert.Single(PlanSweep([LegacyNode("10.0.1.25")], [], [], _report, [Stopped("10.0.9.2"), task]).Nodes);

        Assert.Equal((Reasons.LegacyCandidate, task.TaskArn), (decision.Reason, decision.TaskArn));
    }

    [Fact]
    public void Legacy_SameCandidateListedTwice_IsAmbiguous()
    {
        var task = Stopped("10.0.1.25");

        var decision = Assert.Single(PlanSweep([LegacyNode("10.0.1.25")], [], [], _report, [task, task]).Nodes);

        Assert.Equal(Reasons.LegacyAmbiguous, decision.Reason);
    }

    [Fact]
    public void Legacy_TwoTasksOnTheAddress_AreAmbiguous()
    {
        var decision = Assert.Single(PlanSweep([LegacyNode("10.0.1.25")], [], [], _report, [Stopped("10.0.1.25"), Stopped("10.0.1.25")]).Nodes);

        Assert.Equal(Reasons.LegacyAmbiguous, decision.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.1.26")]
    public void Legacy_NodeWithoutATasksAddress_IsNotOwned(string? ip)
    {
        var decision = Assert.Single(PlanSweep([LegacyNode(ip)], [], [], _report, [Stopped("10.0.1.25")]).Nodes);

        Assert.Equal((PlannedAction.Keep, Reasons.NotOwned, (string?)null), (decision.Action, decision.Reason, decision.TaskArn));
    }
}
