using System.Net;
using System.Text.Json.Nodes;
using Cleanup.Emulator.Ecs;

namespace Cleanup.Emulator.Tests;

/// <summary>DescribeTasks: lookups by id or ARN, failures, tags, limits and errors.</summary>
public sealed class EcsDescribeTasksTests : EcsTest
{
    [Fact]
    public async Task FailForCluster_DeniesThatClusterByNameOrArn_AndAnswersForTheOthers()
    {
        await SetUpClusterAsync();
        var task = await RunFargateTaskAsync();
        Emulator.Faults.FailForCluster("DescribeTasks", "secret");

        var byName = await FailsAsync("AccessDeniedException", "DescribeTasks", new JsonObject { ["cluster"] = "secret", ["tasks"] = new JsonArray("abc") });
        await FailsAsync("AccessDeniedException", "DescribeTasks", new JsonObject { ["cluster"] = $"arn:aws:ecs:us-east-1:123456789012:cluster/secret", ["tasks"] = new JsonArray("abc") });
        var answered = await DescribeAsync(task);

        Assert.Contains("is not authorized to perform: ecs:DescribeTasks on resource: secret", byName, StringComparison.Ordinal);
        Assert.Single(answered["tasks"]!.AsArray());
    }

    [Fact]
    public async Task FargateTask_HasAnEniAttachmentWithItsAddress()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();

        var task = await DescribeOneAsync(arn);

        var attachment = Assert.Single(task["attachments"]!.AsArray())!;
        Assert.Equal("ElasticNetworkInterface", Str(attachment["type"]));
        var details = attachment["details"]!.AsArray().ToDictionary(d => Str(d!["name"]), d => Str(d!["value"]));
        Assert.Equal("subnet-1", details["subnetId"]);
        Assert.Matches("^eni-[0-9a-f]{17}$", details["networkInterfaceId"]);
        Assert.Matches("^0e(:[0-9a-f]{2}){5}$", details["macAddress"]);
        Assert.Matches(@"^10\.0\.\d+\.\d+$", details["privateIPv4Address"]);
        Assert.Equal(details["privateIPv4Address"], Str(task["containers"]![0]!["networkInterfaces"]![0]!["privateIpv4Address"]));
        Assert.Equal(details["privateIPv4Address"], Assert.Single(Emulator.Ecs.Tasks()).PrivateIp);
        Assert.Equal("FARGATE", Str(task["launchType"]));
        Assert.Equal("family:shell", Str(task["group"]));
        Assert.Equal($"arn:aws:ecs:us-east-1:123456789012:cluster/{Cluster}", Str(task["clusterArn"]));
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/shell:1", Str(task["taskDefinitionArn"]));
    }

    [Fact]
    public async Task TaskArn_IsTheLongFormat_AndTheTaskCanBeNamedByIdOrArn()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        var id = arn[(arn.LastIndexOf('/') + 1)..];

        Assert.Matches($"^arn:aws:ecs:us-east-1:123456789012:task/{Cluster}/[0-9a-f]{{32}}$", arn);
        var result = await DescribeAsync(id, arn);
        Assert.Equal(arn, Str(Assert.Single(result["tasks"]!.AsArray())!["taskArn"]));
        Assert.Empty(result["failures"]!.AsArray());
    }

    [Fact]
    public async Task OldArnFormat_IsTaskSlashId_AndDescribable()
    {
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = Clock, LongTaskArns = false });
        await SetUpClusterAsync(emulator.Url);
        var arn = Str((await RunFargateAsync(endpoint: emulator.Url))[0]["taskArn"]);

        Assert.Matches("^arn:aws:ecs:us-east-1:123456789012:task/[0-9a-f]{32}$", arn);
        var result = await OkAsync(emulator.Url, "DescribeTasks", new JsonObject { ["cluster"] = Cluster, ["tasks"] = new JsonArray(arn) });
        Assert.Equal(arn, Str(Assert.Single(result["tasks"]!.AsArray())!["taskArn"]));
        Assert.Matches("^arn:aws:ecs:us-east-1:123456789012:container/[0-9a-f-]{36}$", Str(result["tasks"]![0]!["containers"]![0]!["containerArn"]));
    }

    [Fact]
    public async Task UnknownTasks_AreFailuresWithReasonMissing_NextToKnownOnes()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        var unknownArn = $"arn:aws:ecs:us-east-1:123456789012:task/{Cluster}/{new string('a', 32)}";
        var otherClusterArn = arn.Replace($"task/{Cluster}/", "task/other/", StringComparison.Ordinal);

        var result = await DescribeAsync(arn, unknownArn, "0123456789abcdef0123456789abcdef", otherClusterArn);

        Assert.Equal(arn, Str(Assert.Single(result["tasks"]!.AsArray())!["taskArn"]));
        var failures = result["failures"]!.AsArray();
        Assert.Equal(
            [unknownArn, $"arn:aws:ecs:us-east-1:123456789012:task/{Cluster}/0123456789abcdef0123456789abcdef", otherClusterArn],
            failures.Select(f => Str(f!["arn"])));
        Assert.All(failures, f => Assert.Equal("MISSING", Str(f!["reason"])));
    }

    [Fact]
    public async Task Tags_AreReturnedOnlyWhenIncludeTagsIsAsked()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync(Tags(("owner", "shells"), ("cost-center", "42")));

        var plain = await DescribeOneAsync(arn);
        var tagged = (await OkAsync("DescribeTasks", new JsonObject
        {
            ["cluster"] = Cluster,
            ["tasks"] = new JsonArray(arn),
            ["include"] = new JsonArray("TAGS"),
        }))["tasks"]![0]!;

        Assert.Null(plain["tags"]);
        Assert.Equal(
            ["owner=shells", "cost-center=42"],
            tagged["tags"]!.AsArray().Select(t => $"{Str(t!["key"])}={Str(t["value"])}"));
    }

    [Fact]
    public async Task StopTask_DeletesTheTasksTags_AsDocumented()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync(Tags(("owner", "shells")));

        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn });

        Assert.Empty(Assert.Single(Emulator.Ecs.Tasks()).Tags);
    }

    [Fact]
    public async Task HundredTasks_AreAccepted_AndMoreAreRefused()
    {
        await SetUpClusterAsync();
        var ids = Enumerable.Range(0, 101).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var hundred = await DescribeAsync(ids[..100]);
        var message = await FailsAsync("InvalidParameterException", "DescribeTasks", new JsonObject
        {
            ["cluster"] = Cluster,
            ["tasks"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]),
        });

        Assert.Equal(100, hundred["failures"]!.AsArray().Count);
        Assert.Equal("taskIds can have at most 100 items.", message);
    }

    [Fact]
    public async Task NoTasks_IsRefused()
    {
        await SetUpClusterAsync();

        var message = await FailsAsync("InvalidParameterException", "DescribeTasks", new JsonObject { ["cluster"] = Cluster, ["tasks"] = new JsonArray() });

        Assert.Equal("Tasks cannot be empty.", message);
    }

    [Theory]
    [InlineData("DescribeTasks")]
    [InlineData("ListTasks")]
    [InlineData("StopTask")]
    [InlineData("RunTask")]
    public async Task UnknownCluster_IsClusterNotFoundException(string operation)
    {
        await SetUpClusterAsync();
        var body = new JsonObject { ["cluster"] = "nope", ["tasks"] = new JsonArray("x"), ["task"] = "x", ["taskDefinition"] = "shell" };

        var message = await FailsAsync("ClusterNotFoundException", operation, body);

        Assert.Equal("Cluster not found.", message);
    }

    [Fact]
    public async Task NoClusterNamed_MeansTheDefaultCluster()
    {
        var task = Emulator.Ecs.RunTask(new NewTask());

        var result = await OkAsync("DescribeTasks", new JsonObject { ["tasks"] = new JsonArray(task.TaskArn) });

        Assert.Single(result["tasks"]!.AsArray());
    }

    [Fact]
    public async Task ClusterArn_IsAcceptedLikeItsName()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();

        var result = await OkAsync("DescribeTasks", new JsonObject
        {
            ["cluster"] = $"arn:aws:ecs:us-east-1:123456789012:cluster/{Cluster}",
            ["tasks"] = new JsonArray(arn),
        });

        Assert.Single(result["tasks"]!.AsArray());
    }

    [Fact]
    public async Task InjectedFaults_AndCallCounts_ApplyToEcsOperations()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        Emulator.Faults.FailNext("DescribeTasks", 1, 500, "ServerException");

        var (status, body) = await CallAsync("DescribeTasks", new JsonObject { ["cluster"] = Cluster, ["tasks"] = new JsonArray(arn) });
        await DescribeOneAsync(arn);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("ServerException", Str(body["__type"]));
        Assert.Equal(2, Emulator.Calls.Count("DescribeTasks"));
        Assert.Equal(1, Emulator.Calls.Succeeded("DescribeTasks"));
        Assert.Equal(1, Emulator.Calls.Succeeded("RunTask"));
    }

    [Fact]
    public async Task UnsignedCall_IsMissingAuthenticationToken()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.Url) { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks");

        using var response = await http.SendAsync(request);

        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopTask_ForUnknownTask_IsInvalidParameterException()
    {
        await SetUpClusterAsync();

        var message = await FailsAsync("InvalidParameterException", "StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = new string('b', 32) });

        Assert.Equal("The referenced task was not found.", message);
    }

    [Fact]
    public async Task StoppedTask_IsStillDescribedWithinTheRetention()
    {
        await SetUpClusterAsync();
        var arn = await RunFargateTaskAsync();
        await OkAsync("StopTask", new JsonObject { ["cluster"] = Cluster, ["task"] = arn });

        Clock.Advance(TaskLifecycle.StopDuration + TimeSpan.FromMinutes(59));

        Assert.Equal("STOPPED", Str((await DescribeOneAsync(arn))["lastStatus"]));
    }
}
