using Cleanup.Domain;
using Cleanup.Events;

namespace Cleanup.Inventory;

/// <summary>
/// Asks ECS about tasks, cluster by cluster in batches of 100, and turns every answer into evidence about each task.
/// What an error means depends on what it is about: a cluster ECS says does not exist has no live task; a cluster or
/// a task ECS refuses to answer for is unknown for that cluster or task alone; anything else (throttling past
/// retries, server errors, the network) is an outage, unknown for the whole batch and a failed call.
/// </summary>
internal static class TaskResolver
{
    public static async Task<Dictionary<TaskKey, TaskEvidence>> ResolveAsync(
        ITaskDirectory directory,
        IEnumerable<(string Cluster, string Task)> claims,
        CancellationToken cancellationToken)
    {
        var evidence = new Dictionary<TaskKey, TaskEvidence>();

        // One question per task: the same task under both ARN formats is one key (cluster, id), asked by its first form.
        var keys = claims.Select(c => new TaskKey(c.Cluster, c.Task)).Distinct().ToList();
        foreach (var cluster in keys.GroupBy(k => k.ClusterArn, k => k.TaskArn, StringComparer.Ordinal))
        {
            foreach (var batch in cluster.Chunk(Domain.Limits.DescribeTasksMaxTasks))
            {
                await AskAsync(directory, cluster.Key, batch, evidence, cancellationToken);
            }
        }

        return evidence;
    }

    private static async Task AskAsync(ITaskDirectory directory, string cluster, string[] batch, Dictionary<TaskKey, TaskEvidence> evidence, CancellationToken cancellationToken)
    {
        TaskLookup lookup;
        try
        {
            lookup = await directory.DescribeTasksAsync(cluster, batch, cancellationToken);
        }
        catch (RegistryException ex) when (AwsErrorKinds.IsClusterNotFound(ex.ErrorCode))
        {
            // ECS's own word that the cluster does not exist (deleted, or never created here): none of its tasks can
            // run. They are judged as forgotten tasks are: the offline grace, and a node still pinging is kept.
            Record(evidence, cluster, batch, arn => new TaskEvidence(arn, TaskState.Missing, TaskEvidence.FromDescribeTasks, cluster, LastStatus: "MISSING") { ClusterGone = true });
            return;
        }
        catch (RegistryException ex) when (AwsErrorKinds.IsDenied(ex.ErrorCode))
        {
            Record(evidence, cluster, batch, arn => Unknown(arn, cluster, ex) with { Denied = true });
            return;
        }
        catch (RegistryException ex) when (AwsErrorKinds.IsRejectedRequest(ex.ErrorCode) && batch.Length > 1)
        {
            // One task ECS refuses (an identifier it does not accept) must not blind the sweep to the other 99: halves
            // are asked again until the refused task stands alone.
            var half = batch.Length / 2;
            await AskAsync(directory, cluster, batch[..half], evidence, cancellationToken);
            await AskAsync(directory, cluster, batch[half..], evidence, cancellationToken);
            return;
        }
        catch (RegistryException ex) when (AwsErrorKinds.IsRejectedRequest(ex.ErrorCode))
        {
            Record(evidence, cluster, batch, arn => Unknown(arn, cluster, ex) with { Rejected = true });
            return;
        }
        catch (RegistryException ex)
        {
            Record(evidence, cluster, batch, arn => Unknown(arn, cluster, ex) with { CallFailed = true });
            return;
        }

        // ECS answers with its canonical ARN; key the evidence by the ARN the tag holds (the same task id),
        // so a task tagged in one ARN format and reported in the other is still recognised.
        var requested = batch.ToLookup(TaskArn.IdOf, StringComparer.Ordinal);
        foreach (var task in lookup.Found)
        {
            foreach (var arn in requested[TaskArn.IdOf(task.TaskArn)].DefaultIfEmpty(task.TaskArn))
            {
                evidence[new(cluster, arn)] = TaskEvidence.From(task) with
                {
                    TaskArn = arn,
                    // ECS echoes what it was asked: the strings asked with are kept instead of equal
                    // copies, which a sweep would otherwise hold for every task until its end.
                    ClusterArn = Same(task.ClusterArn, cluster),
                    ReportedArn = Same(task.TaskArn, arn),
                };
            }
        }

        foreach (var arn in lookup.Missing)
        {
            evidence[new(cluster, arn)] = new TaskEvidence(arn, TaskState.Missing, TaskEvidence.FromDescribeTasks, cluster, LastStatus: "MISSING", Error: null);
        }

        foreach (var (arn, reason) in lookup.Refused)
        {
            if (!evidence.ContainsKey(new(cluster, arn)))
            {
                evidence[new(cluster, arn)] = new TaskEvidence(arn, TaskState.Unknown, TaskEvidence.FromDescribeTasks, cluster, Error: $"DescribeTasks failure: {Printable.Cut(reason, 120)}") { Rejected = true };
            }
        }

        // An ARN ECS neither found nor reported missing was not answered for: unknown.
        foreach (var arn in batch.Where(a => !evidence.ContainsKey(new(cluster, a))))
        {
            evidence[new(cluster, arn)] = new TaskEvidence(arn, TaskState.Unknown, TaskEvidence.FromDescribeTasks, cluster, Error: "not in DescribeTasks' answer");
        }
    }

    private static TaskEvidence Unknown(string arn, string cluster, RegistryException ex) =>
        new(arn, TaskState.Unknown, TaskEvidence.FromDescribeTasks, cluster, Error: $"{ex.ErrorCode}: {ex.Message}") { ErrorCode = ex.ErrorCode };

    private static void Record(Dictionary<TaskKey, TaskEvidence> evidence, string cluster, string[] batch, Func<string, TaskEvidence> of)
    {
        foreach (var arn in batch)
        {
            evidence[new(cluster, arn)] = of(arn);
        }
    }

    private static string Same(string reported, string asked) => string.Equals(reported, asked, StringComparison.Ordinal) ? asked : reported;
}
