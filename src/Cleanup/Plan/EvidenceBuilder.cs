using System.Globalization;
using Cleanup.Inventory;

namespace Cleanup.Plan;

/// <summary>
/// The evidence each decision carries, in one flat, sorted map that logs and reports print as is. Called only when a
/// decision's evidence is first read (<see cref="LazyEvidence"/>).
/// </summary>
internal static class EvidenceBuilder
{
    public static void AddItem(SortedDictionary<string, string> evidence, IReadOnlyDictionary<string, string> tags, string? name, TagKeys keys)
    {
        AddTag(evidence, tags, keys.TaskArn);
        AddTag(evidence, tags, keys.ClusterArn);
        Add(evidence, "name", name);
    }

    public static void AddNode(SortedDictionary<string, string> evidence, ManagedNode node, DateTimeOffset now)
    {
        Add(evidence, "activationId", node.ActivationId);
        Add(evidence, "pingStatus", node.PingStatus);
        Add(evidence, "ipAddress", node.IPAddress);
        Add(evidence, "lastPingDateTime", Time(node.LastPingDateTime));
        Add(evidence, "registrationDate", Time(node.RegistrationDate));
        if (node.LastPingDateTime is { } lastPing)
        {
            evidence["pingAgeSeconds"] = Seconds(now - lastPing);
        }

        if (node.RegistrationDate is { } registered)
        {
            evidence["nodeAgeSeconds"] = Seconds(now - registered);
        }
    }

    public static void AddActivation(SortedDictionary<string, string> evidence, HybridActivation activation)
    {
        evidence["registrations"] = $"{activation.RegistrationsCount}/{activation.RegistrationLimit}";
        evidence["expired"] = activation.Expired ? "true" : "false";
        Add(evidence, "expirationDate", Time(activation.ExpirationDate));
        Add(evidence, "createdDate", Time(activation.CreatedDate));
    }

    public static void AddTask(SortedDictionary<string, string> evidence, TaskEvidence? task)
    {
        if (task is null)
        {
            return;
        }

        evidence["ecs.state"] = task.State.ToString().ToUpperInvariant();
        evidence["ecs.statusSource"] = task.Source;
        Add(evidence, "ecs.clusterArn", task.ClusterArn);
        Add(evidence, "ecs.lastStatus", task.LastStatus);
        Add(evidence, "ecs.stoppedAt", Time(task.StoppedAt));
        Add(evidence, "ecs.stopCode", task.StopCode);
        Add(evidence, "ecs.error", task.Error);
        if (task.ClusterGone)
        {
            evidence["ecs.cluster"] = "not-found";
        }
    }

    public static void Add(IDictionary<string, string> evidence, string key, string? value)
    {
        if (value is not null)
        {
            evidence[key] = value;
        }
    }

    public static string Of(OwnershipProof proof) => proof switch
    {
        OwnershipProof.TagFilter => "ssm-tag-filter",
        OwnershipProof.Derived => "derived",
        _ => "node-tags",
    };

    public static string? Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static void AddTag(SortedDictionary<string, string> evidence, IReadOnlyDictionary<string, string> tags, string key)
    {
        if (tags.TryGetValue(key, out var value))
        {
            evidence[$"tag:{key}"] = value;
        }
    }
}
