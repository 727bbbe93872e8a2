using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ecs;

/// <summary>CreateCluster, DescribeClusters, ListClusters: just enough to hold tasks.</summary>
internal sealed class ClusterOperations(EcsState state)
{
    public JsonObject Create(RequestInput input)
    {
        var name = input.String("clusterName") ?? EcsModel.DefaultCluster;
        var tags = EcsModel.ReadTags(input, "tags") ?? [];
        input.ThrowIfInvalid();
        // Inferred code: the documented naming rule is enforced by the service, and the model lists
        // InvalidParameterException for this operation.
        if (!Regex.IsMatch(name, EcsModel.NamePattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw EcsErrors.InvalidParameter("Cluster name can have up to 255 letters, numbers, hyphens and underscores.");
        }

        lock (state.Gate)
        {
            state.Sync();
            // Creating an existing cluster returns it unchanged, as ECS does.
            return new JsonObject { ["cluster"] = Render(state.EnsureCluster(name, tags), includeTags: true) };
        }
    }

    public JsonObject Describe(RequestInput input)
    {
        var names = input.Strings("clusters") ?? [EcsModel.DefaultCluster];
        var include = ReadInclude(input, EcsModel.ClusterFields);
        input.ThrowIfInvalid();
        lock (state.Gate)
        {
            state.Sync();
            var clusters = new JsonArray();
            var failures = new JsonArray();
            foreach (var nameOrArn in names)
            {
                var name = state.Arns.ClusterName(nameOrArn);
                if (name is not null && state.ClusterRecords.TryGetValue(name, out var cluster))
                {
                    clusters.Add(Render(cluster, include.Contains("TAGS")));
                }
                else
                {
                    failures.Add(new JsonObject { ["arn"] = name is null ? nameOrArn : state.Arns.Cluster(name), ["reason"] = "MISSING" });
                }
            }

            return new JsonObject { ["clusters"] = clusters, ["failures"] = failures };
        }
    }

    public JsonObject List(RequestInput input)
    {
        var maxResults = input.Int("maxResults", 1, EcsModel.MaxListResults) ?? EcsModel.MaxListResults;
        var token = input.String("nextToken");
        input.ThrowIfInvalid();
        lock (state.Gate)
        {
            var (page, next) = PageToken.Paginate("ListClusters", state.ClusterRecords.Values.OrderBy(c => c.Sequence), c => c.Sequence, token, maxResults);
            return new JsonObject { ["clusterArns"] = new JsonArray([.. page.Select(c => (JsonNode)c.Arn)]) }.AddIfSet("nextToken", next);
        }
    }

    /// <summary>An <c>include</c> list; values outside the enum are refused (inferred: InvalidParameterException).</summary>
    internal static IReadOnlyList<string> ReadInclude(RequestInput input, IReadOnlyCollection<string> allowed)
    {
        var include = input.Strings("include") ?? [];
        var unknown = include.FirstOrDefault(i => !allowed.Contains(i));
        return unknown is null
            ? include
            : throw EcsErrors.InvalidParameter($"include must be one of [{string.Join(", ", allowed)}], not {unknown}.");
    }

    private JsonObject Render(ClusterRecord cluster, bool includeTags)
    {
        var tasks = state.TaskRecords.Values.Where(t => t.Cluster == cluster).ToList();
        var result = new JsonObject
        {
            ["clusterArn"] = cluster.Arn,
            ["clusterName"] = cluster.Name,
            ["status"] = "ACTIVE",
            ["registeredContainerInstancesCount"] = 0,
            ["runningTasksCount"] = tasks.Count(t => t.LastStatus == TaskLifecycle.Running),
            ["pendingTasksCount"] = tasks.Count(t => TaskLifecycle.Rank(t.LastStatus) < TaskLifecycle.Rank(TaskLifecycle.Running)),
            ["activeServicesCount"] = 0,
            ["statistics"] = new JsonArray(),
            ["settings"] = new JsonArray(new JsonObject { ["name"] = "containerInsights", ["value"] = "disabled" }),
            ["capacityProviders"] = new JsonArray(),
            ["defaultCapacityProviderStrategy"] = new JsonArray(),
        };
        if (includeTags)
        {
            result["tags"] = new JsonArray([.. cluster.Tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
        }

        return result;
    }
}
