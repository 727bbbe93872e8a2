using System.Text.Json.Nodes;
using Cleanup.Emulator.Ecs;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>The AWS CLI (botocore, i.e. the ECS model itself) must accept the emulator's ECS answers.</summary>
public sealed class EcsAwsCliTests : EcsTest
{
    [AwsCliFact]
    public async Task Cli_RunTaskThenDescribeTasks_WithTags()
    {
        await CliOkAsync("ecs", "create-cluster", "--cluster-name", Cluster);
        await CliOkAsync(
            "ecs", "register-task-definition", "--family", "shell", "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE",
            "--cpu", "256", "--memory", "512", "--container-definitions", "name=shell,image=example/shell:1");

        var run = await CliOkAsync(
            "ecs", "run-task", "--cluster", Cluster, "--task-definition", "shell", "--launch-type", "FARGATE", "--started-by", "cli",
            "--network-configuration", "awsvpcConfiguration={subnets=[subnet-1],assignPublicIp=DISABLED}", "--tags", "key=owner,value=shells");
        var arn = Str(run["tasks"]![0]!["taskArn"]);
        Clock.Advance(TaskLifecycle.StartDuration);
        var described = await CliOkAsync("ecs", "describe-tasks", "--cluster", Cluster, "--tasks", arn, "--include", "TAGS");

        var task = Assert.Single(described["tasks"]!.AsArray())!;
        Assert.Equal("RUNNING", Str(task["lastStatus"]));
        Assert.Equal("shells", Str(task["tags"]![0]!["value"]));
        Assert.Equal("ElasticNetworkInterface", Str(task["attachments"]![0]!["type"]));
    }

    [AwsCliFact]
    public async Task Cli_ListTasks_AutoPaginatesAcrossPages()
    {
        var started = Enumerable.Range(0, 23).Select(_ => Emulator.Ecs.RunTask(new NewTask { Cluster = Cluster }).TaskArn).ToList();

        var listed = await CliOkAsync("ecs", "list-tasks", "--cluster", Cluster, "--page-size", "10");

        Assert.Equal(started, listed["taskArns"]!.AsArray().Select(Str));
        Assert.Equal(3, Emulator.Calls.Succeeded("ListTasks"));
    }

    [AwsCliFact]
    public async Task Cli_StopTask_ThenDescribe_ShowsStoppedAndMissing()
    {
        var task = Emulator.Ecs.RunTask(new NewTask { Cluster = Cluster });
        await CliOkAsync("ecs", "stop-task", "--cluster", Cluster, "--task", task.TaskArn, "--reason", "cli test");
        Clock.Advance(TaskLifecycle.StopDuration);
        var missing = $"arn:aws:ecs:us-east-1:123456789012:task/{Cluster}/{new string('c', 32)}";

        var described = await CliOkAsync("ecs", "describe-tasks", "--cluster", Cluster, "--tasks", task.TaskArn, missing);

        Assert.Equal("STOPPED", Str(described["tasks"]![0]!["lastStatus"]));
        Assert.Equal("UserInitiated", Str(described["tasks"]![0]!["stopCode"]));
        Assert.Equal(missing, Str(described["failures"]![0]!["arn"]));
        Assert.Equal("MISSING", Str(described["failures"]![0]!["reason"]));
    }

    [AwsCliFact]
    public async Task Cli_DescribeTasks_InUnknownCluster_FailsWithClusterNotFoundException()
    {
        var (exit, _, stderr) = await AwsCli.RunAsync(Emulator.Url, "ecs", "describe-tasks", "--cluster", "nope", "--tasks", "x");

        Assert.NotEqual(0, exit);
        Assert.Contains("ClusterNotFoundException", stderr, StringComparison.Ordinal);
    }

    private async Task<JsonNode> CliOkAsync(params string[] arguments)
    {
        var (exit, stdout, stderr) = await AwsCli.RunAsync(Emulator.Url, arguments);
        Assert.True(exit == 0, stderr);
        return JsonNode.Parse(stdout)!;
    }
}
