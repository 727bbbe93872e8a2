using Cleanup.Execute;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// Legacy adoption (act) under every single-cluster ECS fault: an untagged legacy node whose address is shared by a
/// stopped task in an allowed cluster and a live task in another cluster is ambiguous, and must stay so when ECS
/// fails to list or describe that other cluster's tasks. Adoption fails closed: off for the run, the run fails.
/// </summary>
public class LegacyFaultMatrixTests
{
    private const string LegacyName = "fargate-shell";

    public static TheoryData<string, string, string, int> Faults() => new()
    {
        { "ListClusters", "", "ThrottlingException", 400 },
        { "ListClusters", "", "AccessDeniedException", 400 },
        { "ListTasks", "other", "AccessDeniedException", 400 },
        { "ListTasks", "other", "ThrottlingException", 400 },
        { "ListTasks", "other", "ServerException", 500 },
        { "ListTasks", "other", "ClusterNotFoundException", 400 },
        { "DescribeTasks", "other", "AccessDeniedException", 400 },
        { "DescribeTasks", "other", "ThrottlingException", 400 },
        { "DescribeTasks", "other", "ServerException", 500 },
        { "DescribeTasks", "other", "ClusterNotFoundException", 400 },
        { "ListTasks", "shells", "AccessDeniedException", 400 },
        { "DescribeTasks", "shells", "ServerException", 500 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Act_AnyClusterFault_NoAdoptionNoDeletionAndTheRunFails(string operation, string cluster, string code, int status)
    {
        await using var h = await EmulatorHarness.StartAsync(maxErrorRetry: 1);
        var (legacy, _) = await AmbiguousFleetAsync(h);
        h.Options = Act();
        if (cluster.Length == 0)
        {
            h.Emulator.Faults.FailNext(operation, times: 100, statusCode: status, code: code);
        }
        else
        {
            h.Emulator.Faults.FailForCluster(operation, cluster, code, status);
        }

        var result = await h.SweepAsync();

        Assert.True(h.HasNode(legacy));
        Assert.Equal(0, h.Emulator.Calls.Count("AddTagsToResource"));
        Assert.Equal(0, h.DeletingCalls());
        Assert.Equal(Reasons.LegacyCandidatesUnread, Item(result, legacy).Decision.Reason);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("legacy adoption was off for this run", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Act_LiveTaskInAClusterOutsideTheAllowList_MakesTheNodeAmbiguous()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var (legacy, _) = await AmbiguousFleetAsync(h);
        h.Options = Act();

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(Reasons.LegacyAmbiguous, Item(result, legacy).Decision.Reason);
        Assert.True(h.HasNode(legacy));
        Assert.Equal(0, h.Emulator.Calls.Count("AddTagsToResource"));
    }

    [Fact]
    public async Task Act_OnlyMatchIsAStoppedTaskOutsideTheAllowList_IsNotAdopted()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "other" });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var node = await h.Fleet.RegisterForeignAsync(LegacyName, task.PrivateIp!);
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        h.Emulator.Ecs.StopTask(task.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Options = Act();

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(Reasons.ClusterNotAllowed, Item(result, node.InstanceId).Decision.Reason);
        Assert.True(h.HasNode(node.InstanceId));
    }

    [Fact]
    public async Task Act_NoLegacyNamedNode_ListsNoClusterAtAll()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.SettledFleetAsync(running: 1, stopped: 1);
        h.Options = Act();
        h.Emulator.Calls.Reset();

        var result = await h.SweepAsync();

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(0, h.Emulator.Calls.Count("ListClusters"));
        Assert.Equal(0, h.Emulator.Calls.Count("ListTasks"));
    }

    private static CleanupOptions Act() =>
        TestOptions.WithClusters("shells") with { Sweep = new SweepSettings { LegacyMode = LegacyMode.Act, LegacyName = LegacyName } };

    /// <summary>
    /// A live task in cluster "other" (outside the allow-list) and a stopped one in "shells" share an address; the
    /// legacy node registered at it within both lifetimes could be either's.
    /// </summary>
    private static async Task<(string InstanceId, Emulator.EmulatedTask Stopped)> AmbiguousFleetAsync(EmulatorHarness h)
    {
        var stopped = h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "shells" });
        h.Emulator.Ecs.RunTask(new Emulator.NewTask { Cluster = "other", PrivateIp = stopped.PrivateIp });
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var agent = await h.Fleet.RegisterForeignAsync(LegacyName, stopped.PrivateIp!);
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        h.Emulator.Ecs.StopTask(stopped.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        return (agent.InstanceId, stopped);
    }

    private static ItemOutcome Item(RunResult result, string id) => Assert.Single(result.Items, i => i.Decision.ResourceId == id);
}
