using System.Globalization;
using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ecs;

/// <summary>
/// Renders a task as the model's Task shape, for the API (epoch-second timestamps, ENI attachment type
/// "ElasticNetworkInterface", tags only on request) or for the event's <c>detail</c> (ISO-8601 timestamps,
/// attachment type "eni", <c>updatedAt</c>, never tags) — the differences AWS actually shows between the two.
/// </summary>
internal static class TaskRenderer
{
    public static JsonObject Api(TaskRecord task, bool includeTags)
    {
        var rendered = Render(task, Json.Epoch, "ElasticNetworkInterface");
        if (includeTags)
        {
            rendered["tags"] = new JsonArray([.. task.Tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
        }

        return rendered;
    }

    public static JsonObject EventDetail(TaskRecord task) =>
        Render(task, t => JsonValue.Create(Iso(t)), "eni").With("updatedAt", Iso(task.UpdatedAt));

    public static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Render(TaskRecord task, Func<DateTimeOffset, JsonNode> timestamp, string eniType)
    {
        var result = new JsonObject();
        if (task.Eni is { } eni)
        {
            result["attachments"] = new JsonArray(new JsonObject
            {
                ["id"] = eni.Id,
                ["type"] = eniType,
                ["status"] = EniAttachment.StatusFor(task.LastStatus),
                ["details"] = new JsonArray(
                    Detail("subnetId", eni.SubnetId),
                    Detail("networkInterfaceId", eni.NetworkInterfaceId),
                    Detail("macAddress", eni.MacAddress),
                    Detail("privateDnsName", eni.PrivateDnsName),
                    Detail("privateIPv4Address", eni.PrivateIPv4Address)),
            });
        }

        result.With("availabilityZone", task.AvailabilityZone)
            .With("clusterArn", task.Cluster.Arn)
            .With("containers", new JsonArray([.. task.Containers.Select(c => (JsonNode)Container(task, c))]))
            .AddIfSet("cpu", task.Definition.Cpu)
            .With("createdAt", timestamp(task.CreatedAt))
            .With("desiredStatus", task.DesiredStatus)
            .With("enableExecuteCommand", false)
            .With("group", task.Group)
            .With("healthStatus", "UNKNOWN")
            .With("lastStatus", task.LastStatus)
            .With("launchType", task.LaunchType)
            .AddIfSet("memory", task.Definition.Memory)
            .With("overrides", new JsonObject
            {
                ["containerOverrides"] = new JsonArray([.. task.Containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name })]),
            });
        if (task.LaunchType == EcsModel.Fargate)
        {
            result.With("platformVersion", "1.4.0").With("platformFamily", "Linux");
        }

        AddTime(result, "pullStartedAt", task.PullStartedAt, timestamp);
        AddTime(result, "pullStoppedAt", task.PullStoppedAt, timestamp);
        AddTime(result, "startedAt", task.StartedAt, timestamp);
        result.AddIfSet("startedBy", task.StartedBy)
            .AddIfSet("stopCode", task.StopCode);
        AddTime(result, "executionStoppedAt", task.ExecutionStoppedAt, timestamp);
        AddTime(result, "stoppedAt", task.StoppedAt, timestamp);
        result.AddIfSet("stoppedReason", task.StoppedReason);
        AddTime(result, "stoppingAt", task.StoppingAt, timestamp);
        return result.With("taskArn", task.Arn)
            .With("taskDefinitionArn", task.Definition.Arn)
            .With("version", task.Version);
    }

    private static JsonObject Container(TaskRecord task, ContainerRecord container)
    {
        var result = new JsonObject
        {
            ["containerArn"] = container.Arn,
            ["taskArn"] = task.Arn,
            ["name"] = container.Name,
        };
        result.AddIfSet("image", container.Image).With("lastStatus", container.LastStatus(task.LastStatus));
        if (container.ExitCode is { } exitCode)
        {
            result["exitCode"] = exitCode;
        }

        result["networkBindings"] = new JsonArray();
        result["networkInterfaces"] = task.Eni is { } eni
            ? new JsonArray(new JsonObject { ["attachmentId"] = eni.Id, ["privateIpv4Address"] = eni.PrivateIPv4Address })
            : new JsonArray();
        return result.With("healthStatus", "UNKNOWN");
    }

    private static JsonObject Detail(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static void AddTime(JsonObject target, string member, DateTimeOffset? value, Func<DateTimeOffset, JsonNode> timestamp)
    {
        if (value is { } v)
        {
            target[member] = timestamp(v);
        }
    }
}
