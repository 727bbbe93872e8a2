using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Plan;

/// <summary>
/// Generated batches of events, thousands of them: duplicates, several clusters, tasks ECS reports in any state,
/// nodes proven by SSM's filters or only derived, nodes registered before or after the stop. Whatever the mix, the
/// event only names candidates: nothing of a task ECS does not report dead is removed, nothing unproven is removed,
/// nothing registered or pinging after the stop is removed, and every other node of a stopped task is.
/// </summary>
public class EventBatchPropertyTests
{
    private static readonly TimeSpan _allowance = TimeSpan.FromMinutes(1);

    [Fact]
    public void Plan_GeneratedBatches_RemoveOnlyWhatEcsAndSsmProve()
    {
        var states = Enum.GetValues<TaskState>();
        string[] clusters = ["shells", "workers", "batch"];
        for (var seed = 0; seed < 3000; seed++)
        {
            var random = new Random(seed);
            var options = TestOptions.Default with { Sweep = new SweepSettings { MaxDeletionsPerRun = random.Next(0, 60) } };
            var hinted = new List<StoppedTask>();
            var evidence = new List<TaskEvidence>();
            var nodes = new List<ManagedNode>();
            var truth = new Dictionary<string, (string Why, bool MustKeep, bool MustRemove)>(StringComparer.Ordinal);
            for (var t = random.Next(1, 30); t > 0; t--)
            {
                var task = Task(cluster: clusters[random.Next(clusters.Length)], stoppedAt: Now.AddMinutes(-random.Next(1, 120)));
                var state = states[random.Next(states.Length)];
                var inBatch = random.Next(6) != 0;
                if (inBatch)
                {
                    hinted.Add(task);
                    if (random.Next(4) == 0)
                    {
                        hinted.Add(task); // a duplicate delivery
                    }
                }

                var stoppedAt = state == TaskState.Stopped ? task.StoppedAt : null;
                evidence.Add(Evidence(task, state, stoppedAt));
                for (var n = random.Next(0, 3); n > 0; n--)
                {
                    var proof = random.Next(5) == 0 ? OwnershipProof.Derived : random.Next(2) == 0 ? OwnershipProof.TagFilter : OwnershipProof.NodeTags;
                    var registered = Now - TimeSpan.FromMinutes(random.Next(0, 200));
                    DateTimeOffset? lastPing = random.Next(3) == 0 ? null : registered + TimeSpan.FromMinutes(random.Next(0, 30));
                    if (lastPing > Now)
                    {
                        lastPing = Now;
                    }

                    var node = Node(task) with
                    {
                        InstanceId = $"mi-{seed:x8}{nodes.Count:x9}",
                        RegistrationDate = registered,
                        LastPingDateTime = lastPing,
                        PingStatus = lastPing is { } p && Now - p < TimeSpan.FromMinutes(10) ? "Online" : "ConnectionLost",
                        Proof = proof,
                    };
                    nodes.Add(node);
                    var afterStop = stoppedAt is { } s && (registered > s + _allowance || lastPing > s + _allowance);
                    var mustKeep = !inBatch || state is TaskState.Alive or TaskState.Unknown || proof == OwnershipProof.Derived || afterStop;
                    var mustRemove = inBatch && state == TaskState.Stopped && proof != OwnershipProof.Derived && !afterStop;
                    truth[node.InstanceId] = ($"{state} inBatch={inBatch} proof={proof} registered={registered:HH:mm} ping={lastPing:HH:mm} stopped={stoppedAt:HH:mm}", mustKeep, mustRemove);
                }
            }

            if (hinted.Count == 0)
            {
                continue;
            }

            // What the inventory hands the planner on the event path: evidence for the tasks ECS was asked about.
            var asked = EvidenceIndex.Of(evidence.Where(e => hinted.Any(h => h.Task.Value == e.TaskArn)));
            var plan = Planner.Create(new FleetInventory(nodes, [], asked), new TaskStoppedTrigger("batch", hinted), options, Now);

            foreach (var decision in plan.Nodes)
            {
                var (why, mustKeep, mustRemove) = truth[decision.ResourceId];
                var context = $"seed {seed}: {decision.ResourceId} {why} -> {decision.Action} ({decision.Reason})";
                if (mustKeep)
                {
                    Assert.False(decision.Removes, context);
                }
                else if (mustRemove)
                {
                    Assert.True(decision.Removes, context);
                }
            }

            // On the event path only the count limit applies, task by task: it trips only on a task that alone owns
            // more nodes than the limit, and what the run may remove (whole tasks) never exceeds it.
            var perTask = plan.NodesToDeregister.GroupBy(EventBrake.TaskOf).ToDictionary(g => g.Key!, g => g.Count());
            var limit = options.Sweep.MaxDeletionsPerRun;
            Assert.Equal(perTask.Any(t => t.Value > limit), plan.Brake.Tripped);
            Assert.Equal(perTask.Where(t => t.Value > limit).Select(t => t.Key).Order(), plan.Brake.TrippedTasks.Order());
            var released = plan.NodesToDeregister.Where(d => !plan.Brake.Holds(d)).ToList();
            Assert.True(released.Count <= limit, $"seed {seed}: {released.Count} released over {limit}");
            Assert.All(released.GroupBy(EventBrake.TaskOf), g => Assert.Equal(perTask[g.Key!], g.Count()));
            Assert.Equal(plan.NodesToDeregister.Count() <= limit, plan.Brake.TrippedTasks.Count == 0 && plan.Brake.DeferredTasks.Count == 0);
        }
    }
}
