using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Cleanup.Tests.Support;

/// <summary>
/// Sets up ECS state in moto_server with raw AWS calls (no second SDK needed): a cluster with one EC2 container
/// instance and an awsvpc task definition, then EC2-launch-type tasks (moto 5.x crashes on Fargate RunTask).
/// moto does not check signatures, so a syntactically valid Authorization header only routes the call.
/// </summary>
public sealed class MotoEcs(Uri moto) : IDisposable
{
    private const string Region = "us-east-1";
    private readonly HttpClient _http = new() { BaseAddress = moto, Timeout = TimeSpan.FromSeconds(30) };
    private string? _subnetId;

    public Uri Url => moto;

    /// <summary>Stops moto advancing a task's lastStatus on every DescribeTasks (its default), so RUNNING stays RUNNING.</summary>
    public async Task FreezeTaskLifecycleAsync()
    {
        var body = """{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}""";
        using var response = await _http.PostAsync(new Uri(moto, "moto-api/state-manager/set-transition"), new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A new cluster with a container instance and a task definition; returns the cluster's ARN.</summary>
    public async Task<string> CreateClusterAsync(string cluster)
    {
        var created = await EcsAsync("CreateCluster", new JsonObject { ["clusterName"] = cluster });
        var instanceId = await RunInstanceAsync();
        var document = new JsonObject { ["instanceId"] = instanceId, ["region"] = Region }.ToJsonString();
        await EcsAsync("RegisterContainerInstance", new JsonObject { ["cluster"] = cluster, ["instanceIdentityDocument"] = document });
        await EcsAsync("RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "shell",
            ["networkMode"] = "awsvpc",
            ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "busybox", ["memory"] = 8, ["cpu"] = 1 }),
        });
        return created["cluster"]!["clusterArn"]!.GetValue<string>();
    }

    /// <summary>Runs <paramref name="count"/> tasks (EC2 launch type, awsvpc, so each has an ENI) with the given tags.</summary>
    public async Task<IReadOnlyList<string>> RunTasksAsync(string cluster, int count, IReadOnlyDictionary<string, string>? tags = null)
    {
        _subnetId ??= await FirstSubnetAsync();
        var arns = new List<string>();
        while (arns.Count < count)
        {
            var tagArray = new JsonArray([.. (tags ?? new Dictionary<string, string>()).Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
            var run = await EcsAsync("RunTask", new JsonObject
            {
                ["cluster"] = cluster,
                ["taskDefinition"] = "shell",
                ["launchType"] = "EC2",
                ["count"] = Math.Min(10, count - arns.Count),
                ["tags"] = tagArray,
                ["networkConfiguration"] = new JsonObject
                {
                    ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray(_subnetId), ["securityGroups"] = new JsonArray() },
                },
            });
            arns.AddRange(run["tasks"]!.AsArray().Select(t => t!["taskArn"]!.GetValue<string>()));
        }

        return arns;
    }

    public Task StopTaskAsync(string cluster, string taskArn, string reason = "Essential container in task exited") =>
        EcsAsync("StopTask", new JsonObject { ["cluster"] = cluster, ["task"] = taskArn, ["reason"] = reason });

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> EcsAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", $"AmazonEC2ContainerServiceV20141113.{operation}");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization("ecs"));
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto {operation} failed: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"moto {operation} returned no body.");
    }

    private async Task<string> RunInstanceAsync()
    {
        var xml = await Ec2Async(new() { ["Action"] = "RunInstances", ["ImageId"] = "ami-12c6146b", ["MinCount"] = "1", ["MaxCount"] = "1" });
        return xml.Descendants().First(e => e.Name.LocalName == "instanceId").Value;
    }

    private async Task<string> FirstSubnetAsync()
    {
        var xml = await Ec2Async(new() { ["Action"] = "DescribeSubnets" });
        return xml.Descendants().First(e => e.Name.LocalName == "subnetId").Value;
    }

    private async Task<XDocument> Ec2Async(Dictionary<string, string> parameters)
    {
        parameters["Version"] = "2016-11-15";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new FormUrlEncodedContent(parameters) };
        request.Headers.TryAddWithoutValidation("Authorization", Authorization("ec2"));
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto EC2 {parameters["Action"]} failed: {(int)response.StatusCode} {text}");
        }

        return XDocument.Parse(text);
    }

    private static string Authorization(string service) =>
        $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{DateTime.UtcNow:yyyyMMdd}/{Region}/{service}/aws4_request, SignedHeaders=host, Signature=0";
}
