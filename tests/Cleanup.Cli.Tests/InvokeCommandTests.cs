using System.Text.Json;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>
/// `cleanup invoke` in a child process, reaching the emulator only through the SDK's standard AWS_ENDPOINT_URL
/// setting, with the sample events users are told to try.
/// </summary>
public class InvokeCommandTests
{
    private const string SampleTask = "arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";
    private const string SampleCluster = "arn:aws:ecs:us-east-1:123456789012:cluster/shells";

    // The service-specific variables come as a pair: the event path asks ECS before it touches SSM.
    private static Dictionary<string, string?> Environment(EmulatorHarness h, string endpointVariable = "AWS_ENDPOINT_URL") => new()
    {
        [endpointVariable] = h.Emulator.Url.ToString().TrimEnd('/'),
        [endpointVariable == "AWS_ENDPOINT_URL_SSM" ? "AWS_ENDPOINT_URL_ECS" : "AWS_ENDPOINT_URL"] = h.Emulator.Url.ToString().TrimEnd('/'),
        [endpointVariable == "AWS_ENDPOINT_URL_SSM" ? "AWS_ENDPOINT_URL_STS" : "AWS_ENDPOINT_URL"] = h.Emulator.Url.ToString().TrimEnd('/'),
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
    };

    // The sample's task runs in the emulator's ECS under the sample's own ARN, and has stopped by the time the
    // event is invoked: ECS is asked before anything is removed.
    private static async Task<string> RegisterSampleTaskAsync(EmulatorHarness h, bool stop = true)
    {
        h.Emulator.Ecs.RunTask(new Cleanup.Emulator.NewTask { Cluster = "shells", TaskId = "5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e" });
        var (activationId, code) = await h.Fleet.CreateActivationAsync("shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e", new Dictionary<string, string>
        {
            ["ssm-cleanup:task-arn"] = SampleTask,
            ["ssm-cleanup:cluster-arn"] = SampleCluster,
        });
        var agent = await Emulator.StubAgent.RegisterAsync(h.Emulator.Url, activationId, code);
        h.Clock.Advance(TimeSpan.FromMinutes(15));
        if (stop)
        {
            h.Emulator.Ecs.StopTask(SampleTask);
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        return agent.InstanceId;
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL")]
    [InlineData("AWS_ENDPOINT_URL_SSM")]
    public async Task Invoke_StoppedSample_RemovesTheSampleTasksNodeThroughTheEndpointSetting(string endpointVariable)
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h);
        var bystander = await h.Fleet.RunOnEcsAsync("shells");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment(h, endpointVariable), "invoke", Repo.Path("events/task-stopped.json"), "--apply", "--output", "json", "--log");

        Assert.True(exit == 0, stderr);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("succeeded", result.RootElement.GetProperty("status").GetString());
        Assert.False(h.HasNode(node));
        Assert.True(h.HasNode(bystander.InstanceId));
        Assert.Contains("\"message\":\"decision\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Default_IsATableOfWhatItWouldRemoveAndTheTasksState()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment(h), "invoke", Repo.Path("events/task-stopped.json"));

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith(node, StringComparison.Ordinal) && l.Contains("would-remove", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("task shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e: ECS STOPPED, settled", StringComparison.Ordinal));
        Assert.StartsWith("2 items: 2 to remove, 0 kept. succeeded: dry-run", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(stderr.Split('\n'), l => l.StartsWith('{'));
        Assert.True(h.HasNode(node));
    }

    [Fact]
    public async Task Invoke_DryRunFlag_DeletesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h);

        var (exit, stdout, _) = await CliProcess.RunAsync(Environment(h), "invoke", Repo.Path("events/task-stopped.json"), "--dry-run", "--output", "json");

        Assert.Equal(0, exit);
        using var result = JsonDocument.Parse(stdout);
        Assert.True(result.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, result.RootElement.GetProperty("summary").GetProperty("wouldRemove").GetInt32());
        Assert.True(h.HasNode(node));
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Invoke_RunningSample_IsIgnoredWithExitZero()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var (exit, stdout, _) = await CliProcess.RunAsync(Environment(h), "invoke", Repo.Path("events/task-running.json"), "--output", "json");

        Assert.Equal(0, exit);
        Assert.Contains("\"status\": \"ignored\"", stdout, StringComparison.Ordinal);
        // Only the CLI's question of who it is: no SSM or ECS call.
        Assert.All(h.Emulator.Calls.All(), c => Assert.Equal("GetCallerIdentity", c.Operation));
    }

    [Fact]
    public async Task Invoke_MalformedEvent_ExitsTwoAndCallsNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h);
        h.Emulator.Calls.Reset();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"detail-type\": \"ECS Task State Change\"");

        var (exit, stdout, _) = await CliProcess.RunAsync(Environment(h), "invoke", file);

        Assert.Equal(2, exit);
        Assert.Contains("not valid JSON", stdout, StringComparison.Ordinal);
        Assert.All(h.Emulator.Calls.All(), c => Assert.Equal("GetCallerIdentity", c.Operation));
        Assert.True(h.HasNode(node));
        File.Delete(file);
    }

    [Fact]
    public async Task Invoke_InvalidOption_ExitsTwoNamingTheVariable()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var environment = Environment(h);
        environment["CLEANUP_DRY_RUN"] = "perhaps";

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "invoke", Repo.Path("events/task-stopped.json"));

        Assert.Equal(2, exit);
        Assert.Contains("CLEANUP_DRY_RUN", stderr, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Calls.All());
    }

    [Fact]
    public async Task Invoke_SqsBatchSample_PrintsTheBatchAnswerAndRemovesTheStoppedTasksNode()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h);
        // The old-ARN sample's cluster does not exist in this emulator's ECS: ClusterNotFoundException is ECS's word that
        // its task is gone, so its message is settled too (it owns nothing here), and no message comes back.
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment(h), "invoke", Repo.Path("events/sqs-batch.json"), "--apply", "--output", "json", "--log");

        Assert.Equal(0, exit);
        using var answer = JsonDocument.Parse(stdout);
        Assert.Empty(answer.RootElement.GetProperty("batchItemFailures").EnumerateArray());
        Assert.False(h.HasNode(node));
        Assert.Equal(1, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        Assert.Contains("\"message\":\"decision\"", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_StoppedSampleForATaskEcsReportsRunning_RemovesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h, stop: false);

        var (exit, stdout, _) = await CliProcess.RunAsync(Environment(h), "invoke", Repo.Path("events/task-stopped.json"), "--apply", "--output", "json");

        Assert.Equal(0, exit);
        using var result = JsonDocument.Parse(stdout);
        Assert.Equal("RUNNING", result.RootElement.GetProperty("tasks")[0].GetProperty("ecsState").GetString());
        Assert.True(h.HasNode(node));
        Assert.Equal(0, h.DeletingCalls());
    }

    [Fact]
    public async Task Invoke_AccountFromTheCallerIdentity_RefusesEventsOfAnotherAccount()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h);
        var file = Path.GetTempFileName();
        var sample = await File.ReadAllTextAsync(Repo.Path("events/task-stopped.json"));
        await File.WriteAllTextAsync(file, sample.Replace("123456789012", "999999999999", StringComparison.Ordinal));

        var (exit, stdout, _) = await CliProcess.RunAsync(Environment(h), "invoke", file, "--apply", "--output", "json");

        // No CLEANUP_ACCOUNT_ID: the CLI asked STS who it is (the emulator's account) and refused the other account.
        Assert.Equal(2, exit);
        using var result = JsonDocument.Parse(stdout);
        Assert.Contains("this function serves '123456789012'", result.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, h.Emulator.Calls.Count("GetCallerIdentity"));
        Assert.True(h.HasNode(node));
        File.Delete(file);
    }

    [Fact]
    public async Task Invoke_AccountCannotBeDetermined_RefusesToActInOneLine()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var node = await RegisterSampleTaskAsync(h);
        var environment = Environment(h);
        // STS unreachable: a closed port on loopback.
        environment["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:9";

        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "invoke", Repo.Path("events/task-stopped.json"), "--apply");

        // Unreachable is exit 6 (endpoint unreachable), in one line.
        Assert.Equal(6, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("cannot tell which AWS account this is", stderr, StringComparison.Ordinal);
        Assert.Contains("CLEANUP_ACCOUNT_ID", stderr, StringComparison.Ordinal);
        Assert.Equal(0, h.DeletingCalls());
        Assert.True(h.HasNode(node));
    }

    [Fact]
    public async Task Invoke_MissingFile_ExitsTwo()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var (exit, _, stderr) = await CliProcess.RunAsync(Environment(h), "invoke", "/nonexistent/event.json");

        Assert.Equal(2, exit);
        Assert.Contains("cannot read", stderr, StringComparison.Ordinal);
    }
}
