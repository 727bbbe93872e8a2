using System.Text.Json.Nodes;

namespace Cleanup.Emulator.Ecs;

/// <summary>
/// Builds the EventBridge "ECS Task State Change" event ECS emits for a task, in the same shape as
/// events/task-stopped.json, so the demo and tests can deliver what AWS would. The emulator renders its own tasks
/// through the same envelope (see <see cref="EcsState.Events"/>).
/// </summary>
public static class TaskStateChangeEvent
{
    /// <summary>A hand-made event for a task the emulator need not know (a Fargate task of family "app").</summary>
    public static string Build(
        string taskArn,
        string clusterArn,
        string lastStatus,
        DateTimeOffset time,
        long version,
        string region = "us-east-1",
        string account = "123456789012",
        string? privateIp = null)
    {
        var stopped = lastStatus == "STOPPED";
        var detail = new JsonObject
        {
            ["clusterArn"] = clusterArn,
            ["taskArn"] = taskArn,
            ["taskDefinitionArn"] = $"arn:aws:ecs:{region}:{account}:task-definition/app:1",
            ["lastStatus"] = lastStatus,
            ["desiredStatus"] = stopped ? "STOPPED" : "RUNNING",
            ["launchType"] = "FARGATE",
            ["group"] = "family:app",
            ["createdAt"] = TaskRenderer.Iso(time.AddMinutes(-30)),
            ["startedAt"] = TaskRenderer.Iso(time.AddMinutes(-29)),
            ["updatedAt"] = TaskRenderer.Iso(time),
            ["version"] = version,
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["taskArn"] = taskArn,
                ["lastStatus"] = lastStatus,
            }),
        };
        if (privateIp is not null)
        {
            detail["attachments"] = new JsonArray(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["type"] = "eni",
                ["status"] = stopped ? "DELETED" : "ATTACHED",
                ["details"] = new JsonArray(new JsonObject { ["name"] = "privateIPv4Address", ["value"] = privateIp }),
            });
        }

        if (stopped)
        {
            detail["stoppingAt"] = TaskRenderer.Iso(time.AddSeconds(-30));
            detail["stoppedAt"] = TaskRenderer.Iso(time);
            detail["stopCode"] = "EssentialContainerExited";
            detail["stoppedReason"] = "Essential container in task exited";
        }

        return Envelope(detail, taskArn, time, region, account);
    }

    /// <summary>The event for an emulated task as it is now (its detail mirrors DescribeTasks, without tags).</summary>
    internal static string Render(TaskRecord task, DateTimeOffset time, string region, string account) =>
        Envelope(TaskRenderer.EventDetail(task), task.Arn, time, region, account);

    private static string Envelope(JsonObject detail, string taskArn, DateTimeOffset time, string region, string account)
    {
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "ECS Task State Change",
            ["source"] = "aws.ecs",
            ["account"] = account,
            ["time"] = TaskRenderer.Iso(time),
            ["region"] = region,
            ["resources"] = new JsonArray(taskArn),
            ["detail"] = detail,
        };
        return envelope.ToJsonString();
    }
}
