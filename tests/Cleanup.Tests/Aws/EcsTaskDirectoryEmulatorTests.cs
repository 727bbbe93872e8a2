using Amazon.Runtime;
using Cleanup.Aws.Ecs;
using Cleanup.Domain;
using Cleanup.Emulator;
using Cleanup.Inventory;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Aws;

/// <summary>
/// The same contract against our own emulator, which (unlike moto) has the full task lifecycle, stop codes,
/// MISSING failures, ListTasks pagination and fault injection, all on a manual clock.
/// </summary>
public sealed class EcsTaskDirectoryEmulatorTests
{
    private const string Cluster = "shells";

    [Fact]
    public async Task DescribeTasks_RunningFargateTask_IsFoundWithEniAddress()
    {
        await using var h = await Harness.StartAsync();
        var started = h.Emulator.Ecs.RunTask(new() { Cluster = Cluster, Tags = new Dictionary<string, string> { ["team"] = "shells" } });
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var lookup = await h.Directory().DescribeTasksAsync(Cluster, [started.TaskArn], default);

        var task = Assert.Single(lookup.Found);
        Assert.Empty(lookup.Missing);
        Assert.Equal("RUNNING", task.LastStatus);
        Assert.Equal(started.ClusterArn, task.ClusterArn);
        Assert.Equal(started.CreatedAt, task.CreatedAt);
        Assert.NotNull(task.StartedAt);
        Assert.Null(task.StoppedAt);
        Assert.Equal([started.PrivateIp!], task.PrivateIPv4Addresses);
    }

    [Fact]
    public async Task DescribeTasks_StoppedTask_HasStoppedAtAndStopCode_ThenBecomesMissing()
    {
        await using var h = await Harness.StartAsync();
        var started = h.Emulator.Ecs.RunTask(new() { Cluster = Cluster });
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        h.Emulator.Ecs.ExitContainer(started.TaskArn);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var expected = Assert.Single(h.Emulator.Ecs.Tasks());

        var stopped = Assert.Single((await h.Directory().DescribeTasksAsync(Cluster, [started.TaskArn], default)).Found);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.Emulator.Ecs.ForgetStoppedTasksOlderThan(TimeSpan.FromHours(1));
        var later = await h.Directory().DescribeTasksAsync(Cluster, [started.TaskArn], default);

        Assert.Equal("STOPPED", stopped.LastStatus);
        Assert.Equal("EssentialContainerExited", stopped.StopCode);
        Assert.Equal(expected.StoppedAt, stopped.StoppedAt);
        Assert.Empty(later.Found);
        Assert.Equal([started.TaskArn], later.Missing);
    }

    [Fact]
    public async Task DescribeTasks_250Arns_TakesThreeCalls()
    {
        await using var h = await Harness.StartAsync();
        var arns = Enumerable.Range(0, 120).Select(_ => h.Emulator.Ecs.RunTask(new() { Cluster = Cluster }).TaskArn).ToList();
        var prefix = arns[0][..(arns[0].LastIndexOf('/') + 1)];
        var unknown = Enumerable.Range(0, 130).Select(i => $"{prefix}{i:x32}").ToList();

        var lookup = await h.Directory().DescribeTasksAsync(Cluster, [.. arns, .. unknown], default);

        Assert.Equal(arns.Order(StringComparer.Ordinal), lookup.Found.Select(t => t.TaskArn).Order(StringComparer.Ordinal));
        Assert.Equal(unknown.Order(StringComparer.Ordinal), lookup.Missing.Order(StringComparer.Ordinal));
        Assert.Equal(3, h.Emulator.Calls.Count("DescribeTasks"));
    }

    [Fact]
    public async Task ListTasks_RunningAndStopped_ReadsEveryPage()
    {
        await using var h = await Harness.StartAsync();
        var arns = Enumerable.Range(0, 23).Select(_ => h.Emulator.Ecs.RunTask(new() { Cluster = Cluster }).TaskArn).ToList();
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var arn in arns.Take(9))
        {
            h.Emulator.Ecs.StopTask(arn);
        }

        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var running = await h.Directory(pageSize: 5).ListTaskArnsAsync(Cluster, "RUNNING", default);
        var stopped = await h.Directory(pageSize: 5).ListTaskArnsAsync(Cluster, "STOPPED", default);

        Assert.Equal(arns.Skip(9).Order(StringComparer.Ordinal), running.Order(StringComparer.Ordinal));
        Assert.Equal(arns.Take(9).Order(StringComparer.Ordinal), stopped.Order(StringComparer.Ordinal));
        Assert.Equal(3 + 2, h.Emulator.Calls.Count("ListTasks"));
    }

    [Fact]
    public async Task UnknownCluster_IsClusterNotFound_AndNotRetried()
    {
        await using var h = await Harness.StartAsync();

        var ex = await Assert.ThrowsAsync<RegistryException>(() => h.Directory().ListTaskArnsAsync("no-such-cluster", "RUNNING", default));

        Assert.Equal("ClusterNotFoundException", ex.ErrorCode);
        Assert.Equal(1, h.Emulator.Calls.Count("ListTasks"));
    }

    [Fact]
    public async Task Throttling_IsRetriedByTheSdk()
    {
        await using var h = await Harness.StartAsync();
        var started = h.Emulator.Ecs.RunTask(new() { Cluster = Cluster });
        h.Emulator.Faults.FailNext("DescribeTasks", times: 2, statusCode: 400, code: "ThrottlingException");

        var lookup = await h.Directory().DescribeTasksAsync(Cluster, [started.TaskArn], default);

        Assert.Single(lookup.Found);
        Assert.Equal(3, h.Emulator.Calls.Count("DescribeTasks"));
    }

    [Fact]
    public async Task Throttling_PastMaxAttempts_IsRegistryException()
    {
        await using var h = await Harness.StartAsync();
        h.Emulator.Ecs.CreateCluster(Cluster);
        h.Emulator.Faults.FailNext("ListTasks", times: 10, statusCode: 400, code: "ThrottlingException");

        var ex = await Assert.ThrowsAsync<RegistryException>(() => h.Directory().ListTaskArnsAsync(Cluster, "RUNNING", default));

        Assert.Equal("ThrottlingException", ex.ErrorCode);
        Assert.Equal(TestOptions.Default.MaxAttempts, h.Emulator.Calls.Count("ListTasks"));
    }

    private sealed class Harness(AwsEmulator emulator, ManualClock clock) : IAsyncDisposable
    {
        public AwsEmulator Emulator { get; } = emulator;

        public ManualClock Clock { get; } = clock;

        public static async Task<Harness> StartAsync()
        {
            var clock = new ManualClock(EmulatorHarness.Start);
            return new Harness(await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }), clock);
        }

        public ITaskDirectory Directory(int pageSize = Limits.ListTasksMaxResults) =>
            new EcsTaskDirectory(
                EcsTaskDirectoryFactory.CreateClient(TestOptions.Default, new BasicAWSCredentials("AKIDEXAMPLE", "secret"), Emulator.Url.ToString()),
                pageSize);

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
