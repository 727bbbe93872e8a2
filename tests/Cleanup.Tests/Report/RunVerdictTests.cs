using Cleanup.Inventory;
using Cleanup.Report;

namespace Cleanup.Tests.Report;

public class RunVerdictTests
{
    private static readonly ReadFailure _outage = new("ThrottlingException", "ECS could not be asked about 3 of 3 task(s)");
    private static readonly ReadFailure _legacy = new("AccessDeniedException", "not authorized to perform: ecs:ListTasks");

    public static TheoryData<string, RunFacts, RunStatus, string, string?> Rows() => new()
    {
        { "nothing to do", new RunFacts(), RunStatus.Succeeded, "nothing to remove", null },
        { "removals", new RunFacts { Removing = 4 }, RunStatus.Succeeded, "4 items removed or already gone", null },
        { "dry run", new RunFacts { DryRun = true, Removing = 4 }, RunStatus.Succeeded, "dry-run: 4 items would be removed, nothing was deleted", null },
        { "brake, in dry run too", new RunFacts { DryRun = true, BrakeTripped = true, BrakeExplanation = "brake tripped: 120 > 100", Removing = 120 }, RunStatus.BrakeTripped, "dry-run: brake tripped: 120 > 100", null },
        { "brake wins over failures", new RunFacts { BrakeTripped = true, BrakeExplanation = "brake tripped", Failed = 2 }, RunStatus.BrakeTripped, "brake tripped", null },
        { "a failed removal", new RunFacts { Failed = 1, Deferred = 2, Removing = 5 }, RunStatus.Failed, "1 of 5 removals failed, 2 deferred", null },
        { "the budget ran out", new RunFacts { Deferred = 2, Removing = 5 }, RunStatus.Failed, "the time budget ran out: 2 of 5 removals deferred to the next run", null },
        { "ECS could not see the fleet", new RunFacts { EcsOutage = _outage }, RunStatus.Failed, "nothing to remove; ECS could not be asked about 3 of 3 task(s)", "ThrottlingException" },
        { "an ECS outage does not hide a failed removal", new RunFacts { Failed = 1, Removing = 1, EcsOutage = _outage }, RunStatus.Failed, "1 of 1 removals failed", null },
        { "legacy off fails a good run", new RunFacts { Removing = 1, LegacyUnread = _legacy }, RunStatus.Failed, "1 items removed or already gone; legacy adoption was off for this run: listing every cluster's tasks failed (AccessDeniedException: not authorized to perform: ecs:ListTasks)", "AccessDeniedException" },
        { "legacy off is said on a failed run", new RunFacts { Failed = 1, Removing = 1, LegacyUnread = _legacy }, RunStatus.Failed, "1 of 1 removals failed; legacy adoption was off for this run (AccessDeniedException: not authorized to perform: ecs:ListTasks)", "AccessDeniedException" },
        { "denied tag reads are said, not failed", new RunFacts { TagReadsDenied = 2 }, RunStatus.Succeeded, "nothing to remove; SSM denied reading the tags of 2 node(s): they were left alone", null },
        { "one denied cluster is said, not failed", new RunFacts { DeniedClusters = ["arn:c1"] }, RunStatus.Succeeded, "nothing to remove; ECS denied access to 1 cluster(s) (arn:c1): their items were kept", null },
        { "many denied clusters are cut to three", new RunFacts { DeniedClusters = ["a", "b", "c", "d"] }, RunStatus.Succeeded, "nothing to remove; ECS denied access to 4 cluster(s) (a, b, c, ...): their items were kept", null },
        { "an unsettled event task fails the run", new RunFacts { Removing = 1, Unsettled = 1, Settlements = 2, FirstUnsettledDetail = "ECS could not say" }, RunStatus.Failed, "1 items removed or already gone; 1 of 2 task(s) not settled: ECS could not say", null },
        { "brake deferral is said, not failed", new RunFacts { Removing = 100, BrakeDeferredTasks = true, BrakeExplanation = "10 task(s) wait for a later delivery" }, RunStatus.Succeeded, "100 items removed or already gone; 10 task(s) wait for a later delivery", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Of_Facts_GiveTheStatusMessageAndErrorCode(string row, RunFacts facts, RunStatus status, string message, string? errorCode)
    {
        var verdict = RunVerdict.Of(facts);

        Assert.True(verdict == (status, message, errorCode), $"{row}: got {verdict}");
    }
}
