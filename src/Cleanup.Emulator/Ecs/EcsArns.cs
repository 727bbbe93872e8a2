namespace Cleanup.Emulator.Ecs;

/// <summary>
/// ECS resource ARNs of this emulator's account and region. Task (and container) ARNs come in the current long
/// format <c>task/CLUSTER/ID</c> or the old <c>task/ID</c>, per <see cref="EmulatorOptions.LongTaskArns"/>.
/// </summary>
internal sealed class EcsArns(EmulatorOptions options)
{
    private string Prefix => $"arn:aws:ecs:{options.Region}:{options.AccountId}:";

    public string Cluster(string name) => $"{Prefix}cluster/{name}";

    public string TaskDefinitionPrefix => $"{Prefix}task-definition/";

    public string TaskDefinition(string family, int revision) => $"{TaskDefinitionPrefix}{family}:{revision}";

    public string Task(string clusterName, string id) =>
        options.LongTaskArns ? $"{Prefix}task/{clusterName}/{id}" : $"{Prefix}task/{id}";

    public string Container(string clusterName, string taskId, string containerId) =>
        options.LongTaskArns ? $"{Prefix}container/{clusterName}/{taskId}/{containerId}" : $"{Prefix}container/{containerId}";

    /// <summary>The name in a cluster short name or ARN; null for an ARN of another account, region or resource.</summary>
    public string? ClusterName(string nameOrArn)
    {
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return nameOrArn;
        }

        var resource = Resource(nameOrArn, "cluster/");
        return resource is null || resource.Contains('/', StringComparison.Ordinal) ? null : resource;
    }

    /// <summary>
    /// Splits a task id or task ARN (either format) into the cluster named in it (null for an id or an old-format
    /// ARN) and the id; null when it is an ARN that cannot be one of this emulator's tasks.
    /// </summary>
    public (string? ClusterName, string Id)? TaskReference(string idOrArn)
    {
        if (!idOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return (null, idOrArn);
        }

        var resource = Resource(idOrArn, "task/");
        if (resource is null)
        {
            return null;
        }

        var parts = resource.Split('/');
        return parts.Length switch
        {
            1 => (null, parts[0]),
            2 => (parts[0], parts[1]),
            _ => null,
        };
    }

    private string? Resource(string arn, string type) =>
        arn.StartsWith(Prefix + type, StringComparison.Ordinal) ? arn[(Prefix.Length + type.Length)..] : null;
}
