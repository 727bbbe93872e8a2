using System.Diagnostics;
using System.Globalization;
using Cleanup.Cli;
using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;

namespace Cleanup.Bench.Planning;

/// <summary>
/// The planner's half of the harness: a whole fleet in memory (no emulator, no I/O), planned a few times, with the
/// median time and allocation of <see cref="Planner.Create"/> printed against its floors. A measurement, not a test:
/// timings on a shared machine are no assertion.
/// </summary>
public static class PlannerBench
{
    public const double FloorMilliseconds = 200;
    public const long FloorBytes = 200L * 1024 * 1024;

    private const int Runs = 5;
    private const string Region = "us-east-1";
    private const string Account = "123456789012";
    /// <summary>The moment every plan is made at; the fleet's times are relative to it.</summary>
    internal static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    internal static readonly SweepTrigger Trigger = new("bench", "bench --planner");

    public static async Task<int> RunAsync(int nodes, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var inventory = Fleet(nodes);
        var options = Options(nodes);

        // The warm-up pays for JIT and first-touch costs, which a Lambda pays once per container, not per plan.
        var plan = Planner.Create(inventory, Trigger, options, Now);
        var milliseconds = new List<double>();
        var bytes = new List<long>();
        for (var run = 0; run < Runs; run++)
        {
            ct.ThrowIfCancellationRequested();

            // Each run starts from a settled heap, so one run's garbage is not charged to the next.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            plan = Planner.Create(inventory, Trigger, options, Now);
            watch.Stop();
            bytes.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            milliseconds.Add(watch.Elapsed.TotalMilliseconds);
        }

        var medianMs = Median(milliseconds);
        var medianBytes = Median(bytes);
        var met = medianMs < FloorMilliseconds && medianBytes < FloorBytes;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"planner: {inventory.Nodes.Count} nodes + {inventory.Activations.Count} activations: median {medianMs:F0} ms (floor < {FloorMilliseconds:F0} ms), allocated {medianBytes / (1024 * 1024)} MB (floor < {FloorBytes / (1024 * 1024)} MB)"));
        await output.WriteLineAsync(
            $"  runs: {string.Join(' ', milliseconds.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} ms; " +
            $"{plan.NodesToDeregister.Count()} nodes to deregister, {plan.ActivationsToDelete.Count()} activations to delete, brake {(plan.Brake.Tripped ? "tripped" : "open")}; " +
            (met ? "floors met" : "FLOORS MISSED"));
        return met ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>
    /// One task per node and per activation across ten clusters, as a sweep reads them: most tasks alive, a share
    /// stopped, forgotten or unanswered, some of them in the old ARN format, and one item in twenty-five not ours
    /// (untagged, another account's tags, an EC2 instance, a disallowed cluster, a legacy name).
    /// </summary>
    internal static FleetInventory Fleet(int count)
    {
        var random = new Random(20261126);
        var nodes = new List<ManagedNode>(count);
        var activations = new List<HybridActivation>(count);
        var tasks = new Dictionary<TaskKey, TaskEvidence>(count);
        var legacy = new List<EcsTask>();
        for (var i = 0; i < count; i++)
        {
            var cluster = $"cluster-{i % 10}";
            var id = i.ToString("x32", CultureInfo.InvariantCulture);
            var taskArn = random.Next(10) == 0
                ? $"arn:aws:ecs:{Region}:{Account}:task/{id}"
                : $"arn:aws:ecs:{Region}:{Account}:task/{cluster}/{id}";
            var clusterArn = $"arn:aws:ecs:{Region}:{Account}:cluster/{cluster}";
            var name = OwnershipTags.InstanceName(cluster, id);
            var activationId = $"{random.Next():x8}-{i:x8}";
            var registered = Now.AddMinutes(-random.Next(1, 3000));
            var stoppedAt = registered.AddMinutes(random.Next(0, 600));
            if (stoppedAt > Now)
            {
                stoppedAt = Now.AddMinutes(-1);
            }

            var state = random.Next(20) switch
            {
                < 11 => TaskState.Alive,
                < 15 => TaskState.Stopped,
                < 18 => TaskState.Missing,
                _ => TaskState.Unknown,
            };
            var pinged = state == TaskState.Alive || random.Next(3) == 0 ? Now.AddMinutes(-random.Next(0, 10)) : stoppedAt.AddMinutes(-random.Next(0, 5));
            var tags = Tags(taskArn, clusterArn);
            var ip = $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}";
            var proof = random.Next(4) == 0 ? OwnershipProof.NodeTags : OwnershipProof.TagFilter;
            var resourceType = ManagedNode.HybridResourceType;
            switch (i % 25)
            {
                case 3:
                    tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["Name"] = name };
                    break;
                case 8:
                    tags = Tags(taskArn.Replace(Account, "210987654321", StringComparison.Ordinal), clusterArn.Replace(Account, "210987654321", StringComparison.Ordinal));
                    break;
                case 13:
                    resourceType = "EC2Instance";
                    break;
                case 18:
                    name = "legacy-shell";
                    tags = new Dictionary<string, string>(StringComparer.Ordinal);
                    legacy.Add(new EcsTask(taskArn, clusterArn, "STOPPED", registered.AddMinutes(-1), registered, stoppedAt, "EssentialContainerExited", [ip]));
                    break;
                case 23:
                    proof = OwnershipProof.Derived;
                    break;
            }

            nodes.Add(new ManagedNode(
                $"mi-{i:x17}",
                name,
                resourceType,
                pinged > Now.AddMinutes(-10) ? "Online" : "ConnectionLost",
                pinged,
                registered,
                activationId,
                ip,
                tags)
            { Proof = proof });
            activations.Add(new HybridActivation(
                activationId,
                name,
                "SSMServiceRole",
                1,
                random.Next(5) == 0 ? 0 : 1,
                registered.AddHours(random.Next(-2, 72)),
                false,
                registered.AddMinutes(-1),
                Tags(taskArn, clusterArn)));
            if (random.Next(50) != 0)
            {
                tasks[new(clusterArn, taskArn)] = Evidence(taskArn, clusterArn, state, stoppedAt);
            }
        }

        return new FleetInventory(nodes, activations, tasks, WholeFleet: true) { LegacyCandidates = legacy };
    }

    private static Dictionary<string, string> Tags(string taskArn, string clusterArn) => new(StringComparer.Ordinal)
    {
        [$"{CleanupOptions.DefaultTagPrefix}:task-arn"] = taskArn,
        [$"{CleanupOptions.DefaultTagPrefix}:cluster-arn"] = clusterArn,
        ["Name"] = "shell",
    };

    private static TaskEvidence Evidence(string taskArn, string clusterArn, TaskState state, DateTimeOffset stoppedAt) => state switch
    {
        TaskState.Alive => new(taskArn, state, TaskEvidence.FromDescribeTasks, clusterArn, "RUNNING", StartedAt: stoppedAt.AddHours(-1)) { ReportedArn = taskArn },
        TaskState.Stopped => new(taskArn, state, TaskEvidence.FromDescribeTasks, clusterArn, "STOPPED", StoppedAt: stoppedAt, StopCode: "EssentialContainerExited") { ReportedArn = taskArn },
        TaskState.Missing => new(taskArn, state, TaskEvidence.FromDescribeTasks, clusterArn, "MISSING"),
        _ => new(taskArn, state, TaskEvidence.FromDescribeTasks, clusterArn, Error: "ThrottlingException: Rate exceeded"),
    };

    /// <summary>Nine of the ten clusters allowed, legacy adoption reported, and the brake opened to the fleet size.</summary>
    internal static CleanupOptions Options(int count) => new()
    {
        Region = Region,
        AccountId = Account,
        AllowedClusters = Enumerable.Range(0, 9).Select(c => $"cluster-{c}").ToHashSet(StringComparer.Ordinal),
        Sweep = new SweepSettings { MaxDeletionsPerRun = count, MaxDeletionPercent = 100, LegacyMode = LegacyMode.Report, LegacyName = "legacy-shell" },
    };

    private static T Median<T>(List<T> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
