using System.Text.Json.Nodes;

namespace Cleanup.Emulator.Tests;

/// <summary>RunTask, RegisterTaskDefinition and the cluster calls: what is accepted and how refusals look.</summary>
public sealed class EcsRunTaskTests : EcsTest
{
    [Fact]
    public async Task RunTask_ReturnsCountTasks_WithStartedByGroupAndTags()
    {
        await SetUpClusterAsync();

        var tasks = await RunFargateAsync(3, new JsonObject { ["startedBy"] = "cleanup-tests", ["group"] = "shells" });

        Assert.Equal(3, tasks.Select(t => Str(t["taskArn"])).Distinct().Count());
        Assert.All(tasks, t => Assert.Equal("cleanup-tests", Str(t["startedBy"])));
        Assert.All(tasks, t => Assert.Equal("shells", Str(t["group"])));
        Assert.Equal(3, tasks.Select(t => Str(t["attachments"]![0]!["details"]!.AsArray().Single(d => Str(d!["name"]) == "privateIPv4Address")!["value"])).Distinct().Count());
    }

    [Fact]
    public async Task RegisterTaskDefinition_NumbersRevisions_AndRunTaskResolvesFamilyRevisionAndArn()
    {
        await SetUpClusterAsync();
        var second = (await OkAsync("RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "batch",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "job", ["image"] = "example/job:2" }),
        }))["taskDefinition"]!;
        Assert.Equal(2, second["revision"]!.GetValue<int>());
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/batch:2", Str(second["taskDefinitionArn"]));

        foreach (var (reference, expected) in new[] { ("batch", "batch:2"), ("batch:1", "batch:1"), (Str(second["taskDefinitionArn"]), "batch:2") })
        {
            var task = (await OkAsync("RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = reference }))["tasks"]![0]!;
            Assert.EndsWith("task-definition/" + expected, Str(task["taskDefinitionArn"]), StringComparison.Ordinal);
            Assert.Equal("EC2", Str(task["launchType"]));
        }
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("shell:9")]
    public async Task UnknownTaskDefinition_IsClientException(string reference)
    {
        await SetUpClusterAsync();

        var message = await FailsAsync("ClientException", "RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = reference });

        Assert.Equal("TaskDefinition not found.", message);
    }

    [Fact]
    public async Task AwsVpcWithoutNetworkConfiguration_IsRefused()
    {
        await SetUpClusterAsync();

        var message = await FailsAsync("InvalidParameterException", "RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = "shell", ["launchType"] = "FARGATE" });

        Assert.Equal("Network Configuration must be provided when networkMode 'awsvpc' is specified.", message);
    }

    [Fact]
    public async Task FargateOnABridgeTaskDefinition_IsRefused()
    {
        await SetUpClusterAsync();

        await FailsAsync("InvalidParameterException", "RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = "batch", ["launchType"] = "FARGATE" });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task CountOutsideOneToTen_IsRefused(int count)
    {
        await SetUpClusterAsync();

        await FailsAsync("InvalidParameterException", "RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = "batch", ["count"] = count });
        Assert.Empty(Emulator.Ecs.Tasks());
    }

    [Fact]
    public async Task FargateTaskDefinition_NeedsAwsVpcAndTaskLevelCpu()
    {
        var bridge = await FailsAsync("ClientException", "RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "f",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "a", ["image"] = "i" }),
        });
        var noCpu = await FailsAsync("ClientException", "RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "f",
            ["networkMode"] = "awsvpc",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "a", ["image"] = "i" }),
        });

        Assert.Equal("Fargate only supports network mode 'awsvpc'.", bridge);
        Assert.Equal("Fargate requires that 'cpu' be defined at the task level.", noCpu);
    }

    [Fact]
    public async Task TooManyTags_AreRefused()
    {
        await SetUpClusterAsync();
        var tags = Tags([.. Enumerable.Range(0, 51).Select(i => ($"k{i}", "v"))]);

        await FailsAsync("InvalidParameterException", "RunTask", new JsonObject { ["cluster"] = Cluster, ["taskDefinition"] = "batch", ["tags"] = tags["tags"]!.DeepClone() });
    }

    [Fact]
    public async Task WrongJsonType_IsSerializationException()
    {
        await FailsAsync("SerializationException", "ListTasks", new JsonObject { ["maxResults"] = "ten" });
    }

    [Fact]
    public async Task Clusters_AreCreatedOnce_DescribedWithCounts_AndListed()
    {
        await SetUpClusterAsync();
        var again = await OkAsync("CreateCluster", new JsonObject { ["clusterName"] = Cluster });
        await RunFargateTaskAsync();

        var described = await OkAsync("DescribeClusters", new JsonObject { ["clusters"] = new JsonArray(Cluster, "nope") });
        var listed = await OkAsync("ListClusters", new JsonObject());

        Assert.Equal($"arn:aws:ecs:us-east-1:123456789012:cluster/{Cluster}", Str(again["cluster"]!["clusterArn"]));
        var cluster = Assert.Single(described["clusters"]!.AsArray())!;
        Assert.Equal(1, cluster["pendingTasksCount"]!.GetValue<int>());
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/nope", Str(Assert.Single(described["failures"]!.AsArray())!["arn"]));
        Assert.Equal([Str(again["cluster"]!["clusterArn"])], listed["clusterArns"]!.AsArray().Select(Str));
    }
}
