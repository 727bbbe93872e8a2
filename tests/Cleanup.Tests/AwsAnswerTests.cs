using Cleanup.Execute;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// Rows of docs/aws-answers.md that no other test showed, over the wire: a removal SSM refuses for one item is that
/// item's failure, never a reason to stop the others, and never swallowed.
/// </summary>
public class AwsAnswerTests
{
    [Fact]
    public async Task Sweep_OneNodeWhoseDeregistrationIsDenied_FailsThatItemAndRemovesTheRest()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (running, stopped) = await h.SettledFleetAsync(running: 1, stopped: 3);
        // A policy on this one node (a tag condition, an SCP) refuses its deregistration.
        h.Emulator.Faults.FailFor("DeregisterManagedInstance", "InstanceId", stopped[0].InstanceId!);

        var result = await h.SweepAsync();

        var denied = Item(result, stopped[0].InstanceId!);
        Assert.Equal(OutcomeStatus.Failed, denied.Status);
        Assert.Equal("AccessDeniedException", denied.ErrorCode);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.True(h.HasNode(stopped[0].InstanceId));
        Assert.False(h.HasNode(stopped[1].InstanceId));
        Assert.False(h.HasNode(stopped[2].InstanceId));
        // What it must not delete: the live task's node.
        Assert.True(h.HasNode(running[0].InstanceId));
    }

    [Fact]
    public async Task Sweep_ActivationDeletionRefusedForTooManyUpdates_FailsThatItemAndTheNextSweepDeletesIt()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (running, stopped) = await h.SettledFleetAsync(running: 1, stopped: 2);
        // SSM refuses a change while another one to the same activation is under way (DeleteActivation: TooManyUpdates).
        h.Emulator.Faults.FailFor("DeleteActivation", "ActivationId", stopped[0].ActivationId, "TooManyUpdates");

        var first = await h.SweepAsync();
        var keptByFirst = h.HasActivation(stopped[0].ActivationId);
        h.Emulator.Faults.Clear();
        var second = await h.SweepAsync();

        Assert.Equal(RunStatus.Failed, first.Status);
        var refused = Item(first, stopped[0].ActivationId);
        Assert.Equal(OutcomeStatus.Failed, refused.Status);
        Assert.Equal("TooManyUpdates", refused.ErrorCode);
        Assert.True(keptByFirst);
        Assert.All(stopped, t => Assert.False(h.HasNode(t.InstanceId)));
        Assert.False(h.HasActivation(stopped[1].ActivationId));
        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.False(h.HasActivation(stopped[0].ActivationId));
        Assert.True(h.HasNode(running[0].InstanceId));
    }

    private static ItemOutcome Item(RunResult result, string id) => Assert.Single(result.Items, i => i.Decision.ResourceId == id);
}
