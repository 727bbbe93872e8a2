namespace Cleanup.Inventory;

/// <summary>
/// The tasks legacy nodes may be matched to: every running and stopped task of every cluster ECS lists in the
/// region, not only the allowed ones. A live task in any cluster whose address a legacy node shares makes that node
/// ambiguous; a list without it could make a dead task's match look unique.
/// </summary>
internal static class LegacyCandidateReader
{
    /// <summary>All or nothing: any failed call throws, and the caller turns adoption off for the run.</summary>
    public static async Task<IReadOnlyList<EcsTask>> ReadAsync(ITaskDirectory directory, CancellationToken cancellationToken)
    {
        var candidates = new List<EcsTask>();
        foreach (var cluster in await directory.ListClusterArnsAsync(cancellationToken))
        {
            var arns = (await directory.ListTaskArnsAsync(cluster, "RUNNING", cancellationToken))
                .Concat(await directory.ListTaskArnsAsync(cluster, "STOPPED", cancellationToken))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            foreach (var batch in arns.Chunk(Domain.Limits.DescribeTasksMaxTasks))
            {
                var lookup = await directory.DescribeTasksAsync(cluster, batch, cancellationToken);

                // A listed task ECS then cannot describe (stopped and forgotten in between) is simply not a candidate;
                // one that is neither described nor missing is a hole in the picture.
                var answered = lookup.Found.Select(t => Domain.TaskArn.IdOf(t.TaskArn)).Concat(lookup.Missing.Select(Domain.TaskArn.IdOf)).ToHashSet(StringComparer.Ordinal);
                if (batch.FirstOrDefault(a => !answered.Contains(Domain.TaskArn.IdOf(a))) is { } hole)
                {
                    throw new RegistryException("IncompleteAnswer", $"ECS did not answer for listed task {hole} of {cluster}");
                }

                candidates.AddRange(lookup.Found);
            }
        }

        return candidates;
    }
}
