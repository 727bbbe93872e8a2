using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>
/// Drives the emulator's ECS side over raw AWS JSON 1.1 (there is no AWSSDK.ECS package to use), with a
/// signed-looking request like the SDKs send.
/// </summary>
public abstract class EcsTest : EmulatorTest
{
    protected const string Cluster = "shells";

    // One client for all tests, as HttpClient is meant to be used; it holds no per-test state.
    private static readonly HttpClient _http = new();

    /// <summary>Calls an ECS operation; a non-200 answer comes back as the error body with its status.</summary>
    protected Task<(HttpStatusCode Status, JsonNode Body)> CallAsync(string operation, JsonObject body) => CallAsync(Emulator.Url, operation, body);

    protected async Task<(HttpStatusCode Status, JsonNode Body)> CallAsync(Uri endpoint, string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261102/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Calls an operation that must succeed.</summary>
    protected async Task<JsonNode> OkAsync(string operation, JsonObject body) => await OkAsync(Emulator.Url, operation, body);

    protected async Task<JsonNode> OkAsync(Uri endpoint, string operation, JsonObject body)
    {
        var (status, result) = await CallAsync(endpoint, operation, body);
        Assert.True(status == HttpStatusCode.OK, $"{operation}: {(int)status} {result.ToJsonString()}");
        return result;
    }

    /// <summary>Calls an operation that must fail with HTTP 400 and <paramref name="code"/>; returns the message.</summary>
    protected async Task<string> FailsAsync(string code, string operation, JsonObject body)
    {
        var (status, result) = await CallAsync(operation, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, result["__type"]?.GetValue<string>());
        return result["message"]!.GetValue<string>();
    }

    /// <summary>Cluster "shells" plus a Fargate family "shell" and an EC2 (bridge) family "batch".</summary>
    protected async Task SetUpClusterAsync(Uri? endpoint = null)
    {
        endpoint ??= Emulator.Url;
        await OkAsync(endpoint, "CreateCluster", new JsonObject { ["clusterName"] = Cluster });
        await OkAsync(endpoint, "RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "shell",
            ["networkMode"] = "awsvpc",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["cpu"] = "256",
            ["memory"] = "512",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "shell", ["image"] = "example/shell:1" }),
        });
        await OkAsync(endpoint, "RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "batch",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "job", ["image"] = "example/job:1" }),
        });
    }

    /// <summary>RunTask for family "shell" on Fargate in subnet-1; returns the tasks as RunTask answered.</summary>
    protected async Task<List<JsonNode>> RunFargateAsync(int count = 1, JsonObject? extra = null, Uri? endpoint = null)
    {
        var body = new JsonObject
        {
            ["cluster"] = Cluster,
            ["taskDefinition"] = "shell",
            ["launchType"] = "FARGATE",
            ["count"] = count,
            ["networkConfiguration"] = new JsonObject
            {
                ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-1"), ["assignPublicIp"] = "DISABLED" },
            },
        };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        var result = await OkAsync(endpoint ?? Emulator.Url, "RunTask", body);
        Assert.Empty(result["failures"]!.AsArray());
        return [.. result["tasks"]!.AsArray().Select(t => t!)];
    }

    protected async Task<string> RunFargateTaskAsync(JsonObject? extra = null) =>
        (await RunFargateAsync(1, extra))[0]["taskArn"]!.GetValue<string>();

    protected async Task<JsonNode> DescribeAsync(params string[] tasks) =>
        await OkAsync("DescribeTasks", new JsonObject { ["cluster"] = Cluster, ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)t)]) });

    /// <summary>The one task DescribeTasks returns for <paramref name="taskArn"/>.</summary>
    protected async Task<JsonNode> DescribeOneAsync(string taskArn) => Assert.Single((await DescribeAsync(taskArn))["tasks"]!.AsArray())!;

    protected static string Str(JsonNode? node) => node!.GetValue<string>();

    protected static JsonObject Tags(params (string Key, string Value)[] tags) =>
        new() { ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]) };
}
