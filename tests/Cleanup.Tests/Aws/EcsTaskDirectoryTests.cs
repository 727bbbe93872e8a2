using Amazon.Runtime;
using Cleanup.Aws.Ecs;
using Cleanup.Inventory;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Aws;

/// <summary>
/// Contract tests of the ECS adapter against moto_server, a second, independent implementation of the ECS API.
/// They skip visibly without moto_server (and fail under CI=true). What moto cannot do on demand is in
/// <see cref="EcsTaskDirectoryScriptedTests"/>.
/// </summary>
public sealed class EcsTaskDirectoryTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static readonly Dictionary<string, string> _ownTags = new(StringComparer.Ordinal)
    {
        ["ssm-cleanup:task-arn"] = "placeholder",
        ["team"] = "shells",
    };

    [MotoFact]
    public async Task DescribeTasks_RunningTask_IsFoundWithStatusAndEniAddress()
    {
        var (ecs, cluster, directory) = await SetUpAsync();
        var arn = Assert.Single(await ecs.RunTasksAsync(cluster, 1, _ownTags));

        var lookup = await directory.DescribeTasksAsync(cluster, [arn], default);

        var task = Assert.Single(lookup.Found);
        Assert.Empty(lookup.Missing);
        Assert.Equal(arn, task.TaskArn);
        Assert.EndsWith($":cluster/{cluster}", task.ClusterArn, StringComparison.Ordinal);
        Assert.Equal("RUNNING", task.LastStatus);
        var ip = Assert.Single(task.PrivateIPv4Addresses);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", ip);
    }

    [MotoFact]
    public async Task DescribeTasks_StoppedTask_IsReportedStopped()
    {
        var (ecs, cluster, directory) = await SetUpAsync();
        var arns = await ecs.RunTasksAsync(cluster, 2);
        await ecs.StopTaskAsync(cluster, arns[0]);

        var lookup = await directory.DescribeTasksAsync(cluster, arns, default);

        Assert.Empty(lookup.Missing);
        var stopped = Assert.Single(lookup.Found, t => t.TaskArn == arns[0]);
        var running = Assert.Single(lookup.Found, t => t.TaskArn == arns[1]);
        Assert.Equal("STOPPED", stopped.LastStatus);
        Assert.Equal("RUNNING", running.LastStatus);
        // moto sets neither stoppedAt nor stopCode; their mapping is checked against the scripted server.
    }

    [MotoFact]
    public async Task DescribeTasks_UnknownTaskMotoLeavesOutOfBothLists_IsNotMissing()
    {
        var (ecs, cluster, directory) = await SetUpAsync();
        var known = Assert.Single(await ecs.RunTasksAsync(cluster, 1));
        var unknown = known[..(known.LastIndexOf('/') + 1)] + "0123456789abcdef0123456789abcdef";

        var lookup = await directory.DescribeTasksAsync(cluster, [known, unknown], default);

        Assert.Equal(known, Assert.Single(lookup.Found).TaskArn);
        // moto answers an unknown task with neither a task nor a MISSING failure: only an explicit MISSING is
        // evidence of absence, so the task stays unknown (never dead).
        Assert.Empty(lookup.Missing);
    }

    [MotoFact]
    public async Task DescribeTasks_MoreThan100Arns_AnswersForEveryArn()
    {
        var (ecs, cluster, directory) = await SetUpAsync();
        var arns = await ecs.RunTasksAsync(cluster, 105);
        var unknown = Enumerable.Range(0, 20)
            .Select(i => arns[0][..(arns[0].LastIndexOf('/') + 1)] + $"{i:x32}")
            .ToList();

        var lookup = await directory.DescribeTasksAsync(cluster, [.. arns, .. unknown], default);

        Assert.Equal(arns.Order(StringComparer.Ordinal), lookup.Found.Select(t => t.TaskArn).Order(StringComparer.Ordinal));
        Assert.Empty(lookup.Missing);
    }

    [MotoFact]
    public async Task ListTasks_RunningAndStopped_ListsEachTaskUnderItsDesiredStatus()
    {
        var (ecs, cluster, directory) = await SetUpAsync();
        var arns = await ecs.RunTasksAsync(cluster, 12);
        foreach (var arn in arns.Take(5))
        {
            await ecs.StopTaskAsync(cluster, arn);
        }

        var running = await directory.ListTaskArnsAsync(cluster, "RUNNING", default);
        var stopped = await directory.ListTaskArnsAsync(cluster, "STOPPED", default);

        Assert.Equal(arns.Skip(5).Order(StringComparer.Ordinal), running.Order(StringComparer.Ordinal));
        Assert.Equal(arns.Take(5).Order(StringComparer.Ordinal), stopped.Order(StringComparer.Ordinal));
    }

    [MotoFact]
    public async Task UnknownCluster_IsRegistryExceptionWithClusterNotFound()
    {
        var (_, _, directory) = await SetUpAsync();
        var cluster = "no-such-" + Guid.NewGuid().ToString("N");

        var describe = await Assert.ThrowsAsync<RegistryException>(() => directory.DescribeTasksAsync(cluster, ["arn:aws:ecs:us-east-1:123456789012:task/x/0123"], default));
        var list = await Assert.ThrowsAsync<RegistryException>(() => directory.ListTaskArnsAsync(cluster, "RUNNING", default));

        Assert.Equal("ClusterNotFoundException", describe.ErrorCode);
        Assert.Equal("ClusterNotFoundException", list.ErrorCode);
    }

    private async Task<(MotoEcs Ecs, string Cluster, ITaskDirectory Directory)> SetUpAsync()
    {
        var url = await moto.UrlAsync();
        var ecs = new MotoEcs(url);
        await ecs.FreezeTaskLifecycleAsync();
        var cluster = "shells-" + Guid.NewGuid().ToString("N");
        await ecs.CreateClusterAsync(cluster);
        var client = EcsTaskDirectoryFactory.CreateClient(TestOptions.Default, new BasicAWSCredentials("AKIDEXAMPLE", "secret"), url.ToString());
        return (ecs, cluster, new EcsTaskDirectory(client));
    }
}
