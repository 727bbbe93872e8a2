using System.Text.Json.Nodes;
using Amazon.Runtime;
using Cleanup.Aws.Ecs;
using Cleanup.Domain;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Aws;

/// <summary>
/// The adapter and its hand-built client against a scripted ECS on loopback: the wire format we send (SigV4 for
/// "ecs", AWS JSON 1.1 headers), the SDK's retry decisions driven by __type, pagination, and the mapping of
/// fields moto never returns.
/// </summary>
public sealed class EcsTaskDirectoryScriptedTests
{
    private const string Cluster = "shells";
    private const string TaskPrefix = "arn:aws:ecs:us-east-1:123456789012:task/shells/";

    [Fact]
    public async Task Requests_AreSigV4SignedForEcs_WithAwsJson11Headers()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, """{"taskArns":[]}"""));

        await Directory(server).ListTaskArnsAsync(Cluster, "RUNNING", default);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListTasks", request.Target);
        Assert.StartsWith("application/x-amz-json-1.1", request.ContentType, StringComparison.Ordinal);
        Assert.NotNull(request.Authorization);
        Assert.Matches(
            @"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/us-east-1/ecs/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$",
            request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(Cluster, body["cluster"]!.GetValue<string>());
        Assert.Equal("RUNNING", body["desiredStatus"]!.GetValue<string>());
        Assert.Equal(100, body["maxResults"]!.GetValue<int>());
        Assert.Null(body["nextToken"]);
    }

    [Fact]
    public async Task DescribeTasks_AsksForNoTags_AndMapsTimestampsStopCodeAndAddresses()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, $$"""
            {"tasks":[{"taskArn":"{{TaskPrefix}}aaa","clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/shells",
              "lastStatus":"STOPPED","desiredStatus":"STOPPED","createdAt":1795683600.123,"startedAt":1795683660,
              "stoppedAt":1795687200.5,"stopCode":"EssentialContainerExited","stoppedReason":"exit 0",
              "attachments":[{"type":"ElasticNetworkInterface","details":[{"name":"subnetId","value":"subnet-1"},
                {"name":"privateIPv4Address","value":"10.0.1.11"}]},{"type":"Other","details":[{"name":"privateIPv4Address","value":"9.9.9.9"}]}],
              "containers":[{"name":"app","networkInterfaces":[{"attachmentId":"x","privateIpv4Address":"10.0.1.11"}]},
                            {"name":"side","networkInterfaces":[{"privateIpv4Address":"10.0.1.12"}]}],
              "tags":[{"key":"ssm-cleanup:task-arn","value":"{{TaskPrefix}}aaa"}],"unknownField":{"nested":[1,2]} }],
             "failures":[]}
            """));

        var lookup = await Directory(server).DescribeTasksAsync(Cluster, [$"{TaskPrefix}aaa"], default);

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        // Nothing reads a task's tags: asking for them would only cost the answer's size.
        Assert.Null(body["include"]);
        var task = Assert.Single(lookup.Found);
        Assert.Empty(lookup.Missing);
        Assert.Equal("STOPPED", task.LastStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795683600123), task.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795683660), task.StartedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795687200500), task.StoppedAt);
        Assert.Equal("EssentialContainerExited", task.StopCode);
        Assert.Equal(["10.0.1.11", "10.0.1.12"], task.PrivateIPv4Addresses);
    }

    [Fact]
    public async Task DescribeTasks_OnlyAnExplicitMissingFailure_IsMissing_AnAbsentTaskIsNot()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, $$"""
            {"tasks":[{"taskArn":"{{TaskPrefix}}aaa","clusterArn":"c","lastStatus":"RUNNING"}],
             "failures":[{"arn":"{{TaskPrefix}}bbb","reason":"MISSING"}]}
            """));

        var lookup = await Directory(server).DescribeTasksAsync(Cluster, [$"{TaskPrefix}aaa", $"{TaskPrefix}bbb", $"{TaskPrefix}ccc"], default);

        Assert.Equal($"{TaskPrefix}aaa", Assert.Single(lookup.Found).TaskArn);
        // ccc is in neither list (a proxy, a wrong endpoint, moto): unknown, so the resolver never calls it dead.
        Assert.Equal([$"{TaskPrefix}bbb"], lookup.Missing);
    }

    [Fact]
    public async Task DescribeTasks_TaskAskedByIdOrOldArn_IsMatchedToItsCanonicalArn()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, $$"""
            {"tasks":[{"taskArn":"{{TaskPrefix}}aaa","clusterArn":"c","lastStatus":"RUNNING"}],"failures":[]}
            """));

        var lookup = await Directory(server).DescribeTasksAsync(Cluster, ["arn:aws:ecs:us-east-1:123456789012:task/aaa"], default);

        Assert.Single(lookup.Found);
        Assert.Empty(lookup.Missing);
    }

    [Fact]
    public async Task DescribeTasks_OtherFailureReason_IsRefusedForThatTaskAlone_BecauseUnknownIsNotDead()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, $$"""
            {"tasks":[{"taskArn":"{{TaskPrefix}}bbb","clusterArn":"c","lastStatus":"STOPPED"}],"failures":[{"arn":"{{TaskPrefix}}aaa","reason":"ACCESS_DENIED","detail":"no"},{"arn":"{{TaskPrefix}}ccc","reason":"MISSING"}]}
            """));

        var lookup = await Directory(server).DescribeTasksAsync(Cluster, [$"{TaskPrefix}aaa", $"{TaskPrefix}bbb", $"{TaskPrefix}ccc"], default);

        Assert.Equal("ACCESS_DENIED no", Assert.Single(lookup.Refused, r => r.Key == $"{TaskPrefix}aaa").Value);
        Assert.Equal([$"{TaskPrefix}ccc"], lookup.Missing);
        Assert.Single(lookup.Found);
    }

    [Fact]
    public async Task DescribeTasks_FailureNamingNoTask_Throws()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, """
            {"tasks":[],"failures":[{"reason":"INTERNAL","detail":"no"}]}
            """));

        var ex = await Assert.ThrowsAsync<RegistryException>(() => Directory(server).DescribeTasksAsync(Cluster, [$"{TaskPrefix}aaa"], default));

        Assert.Equal("DescribeTasksFailure", ex.ErrorCode);
        Assert.Contains("INTERNAL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeTasks_250Arns_GoInBatchesOf100()
    {
        await using var server = EcsScriptedServer.Start(request =>
        {
            var asked = JsonNode.Parse(request.Body)!["tasks"]!.AsArray().Select(t => $$"""{"arn":"{{t}}","reason":"MISSING"}""");
            return (200, $$"""{"tasks":[],"failures":[{{string.Join(',', asked)}}]}""");
        });
        var arns = Enumerable.Range(0, 250).Select(i => $"{TaskPrefix}{i:x32}").ToList();

        var lookup = await Directory(server).DescribeTasksAsync(Cluster, arns, default);

        var sizes = server.Requests.Select(r => JsonNode.Parse(r.Body)!["tasks"]!.AsArray().Count).ToList();
        Assert.Equal([100, 100, 50], sizes);
        Assert.Equal(arns, lookup.Missing);
    }

    [Fact]
    public async Task DescribeTasks_NoArns_CallsNothing()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, """{"tasks":[],"failures":[]}"""));

        var lookup = await Directory(server).DescribeTasksAsync(Cluster, [], default);

        Assert.Empty(lookup.Found);
        Assert.Empty(lookup.Missing);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ListTasks_NextTokenComingBackUnchanged_IsAnUnusableAnswerNotAnEndlessLoop()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, $$"""{"taskArns":["{{TaskPrefix}}1"],"nextToken":"again"}"""));

        var ex = await Assert.ThrowsAsync<RegistryException>(() => Directory(server).ListTaskArnsAsync(Cluster, "RUNNING", default));

        Assert.Equal("InvalidResponse", ex.ErrorCode);
        Assert.Equal(2, server.Count("ListTasks"));
    }

    [Fact]
    public async Task ListTasks_SeveralPages_FollowsNextTokenToTheEnd()
    {
        await using var server = EcsScriptedServer.Start(request =>
        {
            var token = JsonNode.Parse(request.Body)!["nextToken"]?.GetValue<string>();
            return token switch
            {
                null => (200, $$"""{"taskArns":["{{TaskPrefix}}1","{{TaskPrefix}}2"],"nextToken":"p2"}"""),
                "p2" => (200, $$"""{"taskArns":["{{TaskPrefix}}3","{{TaskPrefix}}4"],"nextToken":"p3"}"""),
                "p3" => (200, $$"""{"taskArns":["{{TaskPrefix}}5"]}"""),
                _ => EcsScriptedServer.Error(400, "InvalidParameterException", "bad token"),
            };
        });

        var arns = await Directory(server, pageSize: 2).ListTaskArnsAsync(Cluster, "STOPPED", default);

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"{TaskPrefix}{i}"), arns);
        Assert.Equal(3, server.Count("ListTasks"));
        Assert.All(server.Requests, r => Assert.Equal("STOPPED", JsonNode.Parse(r.Body)!["desiredStatus"]!.GetValue<string>()));
        Assert.All(server.Requests, r => Assert.Equal(2, JsonNode.Parse(r.Body)!["maxResults"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(500, "ServerException")]
    [InlineData(503, "ServiceUnavailableException")]
    public async Task ThrottlingAndServerErrors_AreRetriedByTheSdk(int status, string code)
    {
        var calls = 0;
        await using var server = EcsScriptedServer.Start(_ =>
            Interlocked.Increment(ref calls) <= 2 ? EcsScriptedServer.Error(status, code) : (200, """{"taskArns":["a"]}"""));

        var arns = await Directory(server).ListTaskArnsAsync(Cluster, "RUNNING", default);

        Assert.Equal(["a"], arns);
        Assert.Equal(3, server.Count("ListTasks"));
    }

    [Fact]
    public async Task Throttling_PastMaxAttempts_IsRegistryExceptionWithTheCode()
    {
        await using var server = EcsScriptedServer.Start(_ => EcsScriptedServer.Error(400, "ThrottlingException", "Rate exceeded"));

        var ex = await Assert.ThrowsAsync<RegistryException>(() =>
            Directory(server, TestOptions.Default with { MaxAttempts = 3 }).ListTaskArnsAsync(Cluster, "RUNNING", default));

        Assert.Equal("ThrottlingException", ex.ErrorCode);
        Assert.Equal("Rate exceeded", ex.Message);
        Assert.Equal(3, server.Count("ListTasks"));
    }

    [Theory]
    [InlineData("ClusterNotFoundException")]
    [InlineData("InvalidParameterException")]
    [InlineData("AccessDeniedException")]
    public async Task ClientErrors_AreNotRetried_AndKeepTheirCode(string code)
    {
        await using var server = EcsScriptedServer.Start(_ => EcsScriptedServer.Error(400, code, "nope"));

        var ex = await Assert.ThrowsAsync<RegistryException>(() => Directory(server).DescribeTasksAsync(Cluster, [$"{TaskPrefix}aaa"], default));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(1, server.Count("DescribeTasks"));
    }

    [Fact]
    public async Task UnreachableEndpoint_IsClientError()
    {
        var server = EcsScriptedServer.Start(_ => (200, "{}"));
        var url = server.Url;
        await server.DisposeAsync();
        var client = EcsTaskDirectoryFactory.CreateClient(TestOptions.Default with { MaxAttempts = 1 }, Credentials, url.ToString());

        var ex = await Assert.ThrowsAsync<RegistryException>(() => new EcsTaskDirectory(client).ListTaskArnsAsync(Cluster, "RUNNING", default));

        Assert.Equal("ClientError", ex.ErrorCode);
    }

    [Fact]
    public async Task MalformedBody_IsRegistryException()
    {
        await using var server = EcsScriptedServer.Start(_ => (200, """{"taskArns":"not-a-list"}"""));

        var ex = await Assert.ThrowsAsync<RegistryException>(() => Directory(server).ListTaskArnsAsync(Cluster, "RUNNING", default));

        Assert.NotEqual("ListTasks", ex.ErrorCode);
    }

    private static BasicAWSCredentials Credentials { get; } = new("AKIDEXAMPLE", "secret");

    private static EcsTaskDirectory Directory(EcsScriptedServer server, CleanupOptions? options = null, int pageSize = Limits.ListTasksMaxResults) =>
        new(EcsTaskDirectoryFactory.CreateClient(options ?? TestOptions.Default, Credentials, server.Url.ToString()), pageSize);
}
