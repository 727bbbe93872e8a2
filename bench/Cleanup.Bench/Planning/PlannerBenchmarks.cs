using BenchmarkDotNet.Attributes;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;

namespace Cleanup.Bench.Planning;

/// <summary>
/// <see cref="Planner.Create"/> on the planner harness's fleet under BenchmarkDotNet (<c>--planner-bdn</c>): its
/// statistics and allocation per plan, for work on the planner's hot path. It takes minutes and its figures depend on
/// the machine, so it is run by hand and never in CI; <c>--planner</c> is the quick figure against the floors.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private FleetInventory _inventory = null!;
    private CleanupOptions _options = null!;

    [Params(10_000, 100_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _inventory = PlannerBench.Fleet(Nodes);
        _options = PlannerBench.Options(Nodes);
    }

    [Benchmark]
    public CleanupPlan Plan() => Planner.Create(_inventory, PlannerBench.Trigger, _options, PlannerBench.Now);
}
