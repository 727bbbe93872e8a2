using Cleanup.Events;

namespace Cleanup.Inventory;

/// <summary>Asks ECS about tasks, cluster by cluster in batches of 100. A failed batch is unknown, never dead.</summary>
internal static class TaskResolver
{
    public static async Task<Dictionary<TaskKey, TaskEvidence>> ResolveAsync(
        ITaskDirectory directory,
        IEnumerable<(string Cluster, string Task)> claims,
        CancellationToken cancellationToken)
    {
        var evidence = new Dictionary<TaskKey, TaskEvidence>();
        foreach (var cluster in claims.Distinct().GroupBy(c => c.Cluster, c => c.Task, StringComparer.Ordinal))
        {
            foreach (var batch in cluster.Chunk(InventoryReader.BatchSize))
            {
                try
                {
                    var lookup = await directory.DescribeTasksAsync(cluster.Key, batch, cancellationToken);
                    // ECS answers with its canonical ARN; key the evidence by the ARN the tag holds (the same task id),
                    // so a task tagged in one ARN format and reported in the other is still recognised.
                    var requested = batch.ToLookup(TaskArn.IdOf, StringComparer.Ordinal);
                    foreach (var task in lookup.Found)
                    {
                        var arns = requested[TaskArn.IdOf(task.TaskArn)].DefaultIfEmpty(task.TaskArn);
                        foreach (var arn in arns)
                        {
                            evidence[new(cluster.Key, arn)] = TaskEvidence.From(task) with
                            {
                                TaskArn = arn,
                                // ECS echoes what it was asked: the strings asked with are kept instead of equal
                                // copies, which a sweep would otherwise hold for every task until its end.
                                ClusterArn = Same(task.ClusterArn, cluster.Key),
                                ReportedArn = Same(task.TaskArn, arn),
                            };
                        }
                    }

                    foreach (var arn in lookup.Missing)
                    {
                        evidence[new(cluster.Key, arn)] = new TaskEvidence(arn, TaskState.Missing, TaskEvidence.FromDescribeTasks, cluster.Key, LastStatus: "MISSING", Error: null);
                    }

                    // An ARN ECS neither found nor reported missing was not answered for: unknown.
                    foreach (var arn in batch.Where(a => !evidence.ContainsKey(new(cluster.Key, a))))
                    {
                        evidence[new(cluster.Key, arn)] = new TaskEvidence(arn, TaskState.Unknown, TaskEvidence.FromDescribeTasks, cluster.Key, Error: "not in DescribeTasks' answer");
                    }
                }
                catch (RegistryException ex)
                {
                    foreach (var arn in batch)
                    {
                        evidence[new(cluster.Key, arn)] = new TaskEvidence(arn, TaskState.Unknown, TaskEvidence.FromDescribeTasks, cluster.Key, Error: $"{ex.ErrorCode}: {ex.Message}") { CallFailed = true };
                    }
                }
            }
        }

        return evidence;
    }

    /// <summary>Every running and stopped task of the allowed clusters, with addresses; a cluster that fails is left out whole.</summary>
    public static async Task<IReadOnlyList<EcsTask>> LegacyCandidatesAsync(ITaskDirectory directory, IEnumerable<string> clusters, CancellationToken cancellationToken)
    {
        var candidates = new List<EcsTask>();
        foreach (var cluster in clusters)
        {
            try
            {
                var arns = (await directory.ListTaskArnsAsync(cluster, "RUNNING", cancellationToken))
                    .Concat(await directory.ListTaskArnsAsync(cluster, "STOPPED", cancellationToken))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                var tasks = new List<EcsTask>();
                foreach (var batch in arns.Chunk(InventoryReader.BatchSize))
                {
                    tasks.AddRange((await directory.DescribeTasksAsync(cluster, batch, cancellationToken)).Found);
                }

                candidates.AddRange(tasks);
            }
            catch (RegistryException)
            {
                // Half a cluster's tasks could make a live node's task look absent and a dead one's match unique.
            }
        }

        return candidates;
    }

    private static string Same(string reported, string asked) => string.Equals(reported, asked, StringComparison.Ordinal) ? asked : reported;
}
