namespace Cleanup.Bench.Sweep;

/// <summary>
/// The fewest calls a sweep can make: one page of 50 per owned node and per activation, one DescribeTasks per 100
/// tasks of a cluster, one proof page per 50 dead tasks' nodes of a cluster, one call per deletion, and the sweep
/// lease's three (read it, write the claim, write the release).
/// </summary>
internal sealed record SweepFloor(int NodePages, int ActivationPages, int DescribeTasks, int ProofPages, int Deletions)
{
    public const int LeaseCalls = 3;

    public int Total => NodePages + ActivationPages + DescribeTasks + ProofPages + Deletions + LeaseCalls;

    public static SweepFloor Of(int nodes, int activations, IEnumerable<(int Tasks, int Dead)> clusters, int deletions)
    {
        var perCluster = clusters.ToList();
        return new SweepFloor(
            Pages(nodes, 50),
            Pages(activations, 50),
            perCluster.Sum(c => Pages(c.Tasks, 100)),
            perCluster.Sum(c => Pages(c.Dead, 50)),
            deletions);
    }

    private static int Pages(int items, int size) => (items + size - 1) / size;
}
