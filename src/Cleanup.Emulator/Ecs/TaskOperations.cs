using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ecs;

/// <summary>RunTask and StopTask.</summary>
internal sealed class TaskOperations(EcsState state)
{
    public JsonObject Run(RequestInput input)
    {
        var cluster = input.String("cluster");
        var taskDefinition = input.String("taskDefinition", required: true);
        var count = input.Int("count", 1, EcsModel.MaxRunTaskCount) ?? 1;
        var launchType = input.Enum("launchType", EcsModel.LaunchTypes) ?? EcsModel.Ec2;
        var group = input.String("group");
        var startedBy = input.String("startedBy");
        var awsVpc = input.Structure("networkConfiguration")?.Structure("awsvpcConfiguration");
        var subnets = awsVpc?.Strings("subnets", required: true);
        var tags = EcsModel.ReadTags(input, "tags") ?? [];
        input.ThrowIfInvalid();

        // Inferred: the documented startedBy character rule is enforced like the other parameter checks.
        if (startedBy is not null && !Regex.IsMatch(startedBy, EcsModel.StartedByPattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw EcsErrors.InvalidParameter("startedBy can have up to 128 letters, numbers, hyphens, forward slashes and underscores.");
        }

        if (launchType is not (EcsModel.Fargate or EcsModel.Ec2))
        {
            throw EcsErrors.InvalidParameter($"Launch type {launchType} is not supported by this emulator (FARGATE and EC2 are).");
        }

        lock (state.Gate)
        {
            state.Sync();
            var target = state.ResolveCluster(cluster);
            var definition = ResolveDefinition(taskDefinition!) ?? throw EcsErrors.Client("TaskDefinition not found.");
            if (launchType == EcsModel.Fargate && !definition.Compatibilities.Contains(EcsModel.Fargate))
            {
                throw EcsErrors.InvalidParameter("Task definition does not support launch_type FARGATE.");
            }

            // Both messages are the ones ECS gives for awsvpc without a network configuration and the reverse.
            if (definition.UsesAwsVpc && awsVpc is null)
            {
                throw EcsErrors.InvalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
            }

            if (!definition.UsesAwsVpc && awsVpc is not null)
            {
                throw EcsErrors.InvalidParameter("Network Configuration is not valid for the given networkMode of this task definition.");
            }

            if (awsVpc is not null && subnets!.Count == 0)
            {
                throw EcsErrors.InvalidParameter("subnets can not be empty.");
            }

            // EC2 capacity is not emulated: every EC2 task is placed, as if the cluster had room.
            var started = Enumerable.Range(0, count)
                .Select(_ => state.Start(target, definition, launchType, group, startedBy, subnets?[0], [.. tags]))
                .ToList();
            return new JsonObject
            {
                ["tasks"] = new JsonArray([.. started.Select(t => (JsonNode)TaskRenderer.Api(t, includeTags: true))]),
                ["failures"] = new JsonArray(),
            };
        }
    }

    public JsonObject Stop(RequestInput input)
    {
        var cluster = input.String("cluster");
        var task = input.String("task", required: true);
        var reason = input.String("reason");
        input.ThrowIfInvalid();

        lock (state.Gate)
        {
            state.Sync();
            var record = state.FindTask(state.ResolveCluster(cluster), task!)
                ?? throw EcsErrors.InvalidParameter("The referenced task was not found.");
            // Stopping a task that is already on its way down returns it as it is.
            state.RequestStop(record, "UserInitiated", reason ?? EcsState.DefaultReason("UserInitiated"));
            return new JsonObject { ["task"] = TaskRenderer.Api(record, includeTags: false) };
        }
    }

    /// <summary>"family" (latest revision), "family:revision", or the task definition ARN.</summary>
    private TaskDefinitionRecord? ResolveDefinition(string reference)
    {
        var prefix = state.Arns.TaskDefinitionPrefix;
        if (reference.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }

            reference = reference[prefix.Length..];
        }

        var parts = reference.Split(':');
        if (!state.Families.TryGetValue(parts[0], out var revisions))
        {
            return null;
        }

        return parts.Length switch
        {
            1 => revisions[^1],
            2 when int.TryParse(parts[1], out var revision) && revision >= 1 && revision <= revisions.Count => revisions[revision - 1],
            _ => null,
        };
    }
}
