using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ecs;

/// <summary>
/// RegisterTaskDefinition, minimal: family, container names and images, network mode, required compatibilities,
/// task-level cpu/memory. Everything else in the request is accepted and ignored.
/// </summary>
internal sealed class TaskDefinitionOperations(EcsState state)
{
    public JsonObject Register(RequestInput input)
    {
        var family = input.String("family", required: true);
        var containers = input.Structures("containerDefinitions", required: true)?
            .Select(c => (Name: c.String("name"), Image: c.String("image")))
            .ToList();
        var networkMode = input.Enum("networkMode", EcsModel.NetworkModes);
        var compatibilities = input.Strings("requiresCompatibilities") ?? [];
        var cpu = input.String("cpu");
        var memory = input.String("memory");
        EcsModel.ReadTags(input, "tags");
        input.ThrowIfInvalid();

        // ClientException is what ECS answers for a task definition it cannot accept; the container messages are the
        // real ones, the family message is inferred.
        if (!Regex.IsMatch(family!, EcsModel.NamePattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw EcsErrors.Client("Family can have up to 255 letters, numbers, hyphens and underscores.");
        }

        if (containers!.Count == 0)
        {
            throw EcsErrors.Client("Container list cannot be empty.");
        }

        if (containers.Any(c => string.IsNullOrEmpty(c.Name)))
        {
            throw EcsErrors.Client("Container.name should not be null or empty.");
        }

        if (containers.Any(c => string.IsNullOrEmpty(c.Image)))
        {
            throw EcsErrors.Client("Container.image should not be null or empty.");
        }

        var unknown = compatibilities.FirstOrDefault(c => !EcsModel.Compatibilities.Contains(c));
        if (unknown is not null)
        {
            throw EcsErrors.InvalidParameter($"requiresCompatibilities must be one of [{string.Join(", ", EcsModel.Compatibilities)}], not {unknown}.");
        }

        if (compatibilities.Contains(EcsModel.Fargate))
        {
            if (networkMode != EcsModel.AwsVpc)
            {
                throw EcsErrors.Client("Fargate only supports network mode 'awsvpc'.");
            }

            if (cpu is null || memory is null)
            {
                throw EcsErrors.Client($"Fargate requires that '{(cpu is null ? "cpu" : "memory")}' be defined at the task level.");
            }
        }

        lock (state.Gate)
        {
            var definition = state.RegisterTaskDefinition(family!, networkMode, compatibilities, [.. containers.Select(c => (c.Name!, c.Image))], cpu, memory);
            return new JsonObject { ["taskDefinition"] = Render(definition) };
        }
    }

    private static JsonObject Render(TaskDefinitionRecord d) =>
        new JsonObject
        {
            ["taskDefinitionArn"] = d.Arn,
            ["containerDefinitions"] = new JsonArray([.. d.Containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["image"] = c.Image,
                ["cpu"] = 0,
                ["essential"] = true,
                ["portMappings"] = new JsonArray(),
                ["environment"] = new JsonArray(),
                ["mountPoints"] = new JsonArray(),
                ["volumesFrom"] = new JsonArray(),
            })]),
            ["family"] = d.Family,
        }
        .AddIfSet("networkMode", d.NetworkMode)
        .With("revision", d.Revision)
        .With("volumes", new JsonArray())
        .With("status", "ACTIVE")
        .With("placementConstraints", new JsonArray())
        .With("compatibilities", new JsonArray([.. d.Compatibilities.Select(c => (JsonNode)c)]))
        .With("requiresCompatibilities", new JsonArray([.. d.RequiresCompatibilities.Select(c => (JsonNode)c)]))
        .AddIfSet("cpu", d.Cpu)
        .AddIfSet("memory", d.Memory)
        .With("registeredAt", Json.Epoch(d.RegisteredAt));
}
