using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ecs;

/// <summary>DescribeTasks and ListTasks, the two reads Cleanup's sweep relies on.</summary>
internal sealed class TaskQueryOperations(EcsState state)
{
    public JsonObject Describe(RequestInput input)
    {
        var cluster = input.String("cluster");
        var tasks = input.Strings("tasks");
        var include = ClusterOperations.ReadInclude(input, EcsModel.TaskFields);
        input.ThrowIfInvalid();

        // The model sets no bounds on 'tasks'; ECS enforces them itself. Both messages are the real ones.
        if (tasks is null || tasks.Count == 0)
        {
            throw EcsErrors.InvalidParameter("Tasks cannot be empty.");
        }

        if (tasks.Count > EcsModel.MaxDescribeTasks)
        {
            throw EcsErrors.InvalidParameter($"taskIds can have at most {EcsModel.MaxDescribeTasks} items.");
        }

        lock (state.Gate)
        {
            state.Sync();
            var target = state.ResolveCluster(cluster);
            var found = new JsonArray();
            var failures = new JsonArray();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in tasks)
            {
                var task = state.FindTask(target, reference);
                if (task is not null)
                {
                    if (seen.Add(task.Id))
                    {
                        found.Add(TaskRenderer.Api(task, include.Contains("TAGS")));
                    }
                }
                else
                {
                    // Inferred: a bare id is reported as the ARN it would have had.
                    var arn = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : state.Arns.Task(target.Name, reference);
                    failures.Add(new JsonObject { ["arn"] = arn, ["reason"] = "MISSING" });
                }
            }

            return new JsonObject { ["tasks"] = found, ["failures"] = failures };
        }
    }

    public JsonObject List(RequestInput input)
    {
        var cluster = input.String("cluster");
        var family = input.String("family");
        var startedBy = input.String("startedBy");
        var serviceName = input.String("serviceName");
        var containerInstance = input.String("containerInstance");
        var daemonName = input.String("daemonName");
        var launchType = input.Enum("launchType", EcsModel.LaunchTypes);
        var desiredStatus = input.Enum("desiredStatus", EcsModel.DesiredStatuses) ?? TaskLifecycle.Running;
        var maxResults = input.Int("maxResults", 1, EcsModel.MaxListResults) ?? EcsModel.MaxListResults;
        var token = input.String("nextToken");
        input.ThrowIfInvalid();

        // Documented: "When you specify startedBy as the filter, it must be the only filter that you use" (the
        // desired status, which always has a value, does not count). The error code is inferred.
        if (startedBy is not null && (family ?? serviceName ?? containerInstance ?? daemonName ?? launchType) is not null)
        {
            throw EcsErrors.InvalidParameter("startedBy must be the only filter when it is specified.");
        }

        lock (state.Gate)
        {
            state.Sync();
            var target = state.ResolveCluster(cluster);
            // Services, daemons and container instances are not emulated, so none exists.
            if (serviceName is not null)
            {
                throw new AwsErrorException("ServiceNotFoundException", "Service not found.");
            }

            if (containerInstance is not null || daemonName is not null)
            {
                throw EcsErrors.InvalidParameter("The referenced container instance or daemon was not found.");
            }

            // Documented: filtering on desired status PENDING returns nothing, ECS never sets it.
            var matching = state.TaskRecords.Values
                .Where(t => t.Cluster == target && t.DesiredStatus == desiredStatus)
                .Where(t => family is null || t.Definition.Family == family)
                .Where(t => startedBy is null || t.StartedBy == startedBy)
                .Where(t => launchType is null || t.LaunchType == launchType)
                .OrderBy(t => t.Sequence);
            var (page, next) = PageToken.Paginate($"ListTasks/{target.Name}", matching, t => t.Sequence, token, maxResults);
            return new JsonObject { ["taskArns"] = new JsonArray([.. page.Select(t => (JsonNode)t.Arn)]) }.AddIfSet("nextToken", next);
        }
    }
}
