using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;
using static Cleanup.Tests.Plan.SweepFixture;

namespace Cleanup.Tests.Plan;

/// <summary>
/// Generated whole fleets for the sweep, thousands of them: whatever the mix, an alive or unknown task's node is
/// never deleted, a node without our tags is never touched (legacy adoption aside), and when the brake does not
/// trip every dead, owned, settled node is deleted.
/// </summary>
public class SweepPropertyTests
{
    private static readonly TimeSpan _nodeRulesAllowance = TimeSpan.FromMinutes(1);

    [Fact]
    public void Sweep_GeneratedFleets_KeepTheLivingAndRemoveTheSettledDead()
    {
        var states = Enum.GetValues<TaskState>();
        for (var seed = 0; seed < 3000; seed++)
        {
            var random = new Random(seed);
            var options = TestOptions.Default with
            {
                Sweep = new SweepSettings { MaxDeletionsPerRun = random.Next(0, 30), MaxDeletionPercent = random.Next(0, 101), BrakeMinFleet = random.Next(0, 30) },
            };
            var nodes = new List<ManagedNode>();
            var evidence = new List<TaskEvidence>();
            var truth = new Dictionary<string, (TaskState State, bool Owned, bool Settled)>(StringComparer.Ordinal);
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                var task = Task(stoppedAt: Now.AddMinutes(-random.Next(1, 300)));
                var state = states[random.Next(states.Length)];
                var owned = random.Next(5) != 0;
                var registeredAgo = TimeSpan.FromMinutes(random.Next(0, 600));
                TimeSpan? pingedAgo = random.Next(4) == 0 ? null : TimeSpan.FromMinutes(random.Next(0, (int)registeredAgo.TotalMinutes + 1));
                var node = OldNode(task, pingedAgo) with
                {
                    InstanceId = $"mi-{seed:x8}{i:x9}",
                    RegistrationDate = Now - registeredAgo,
                    Tags = owned ? OwnedTags(task) : new Dictionary<string, string> { ["Name"] = task.InstanceName },
                };
                if (state == TaskState.Stopped)
                {
                    // Evidence stays consistent with SSM: the node never pinged after the stop.
                    node = node with { LastPingDateTime = node.LastPingDateTime is { } p && p > task.StoppedAt ? task.StoppedAt : node.LastPingDateTime };
                }

                nodes.Add(node);
                evidence.Add(Evidence(task, state, task.StoppedAt));
                var offlineSince = node.LastPingDateTime ?? node.RegistrationDate!.Value;
                // A node registered after its task's stoppedAt was registered by something else: never the dead task's.
                var registeredBeforeStop = node.RegistrationDate <= task.StoppedAt + _nodeRulesAllowance;
                var settled = registeredAgo >= options.Sweep.RegistrationGrace &&
                    ((state == TaskState.Stopped && registeredBeforeStop) || (state == TaskState.Missing && node.PingStatus != "Online" && Now - offlineSince >= options.Sweep.OfflineGrace));
                truth[node.InstanceId] = (state, owned, settled);
            }

            var plan = PlanSweep(nodes, [], evidence, options);

            foreach (var decision in plan.Nodes)
            {
                var (state, owned, settled) = truth[decision.ResourceId];
                var context = $"seed {seed}: {decision.ResourceId} {state} owned={owned} settled={settled} -> {decision.Action} ({decision.Reason})";
                if (state is TaskState.Alive or TaskState.Unknown || !owned)
                {
                    Assert.False(decision.Removes, context);
                }
                else if (!plan.Brake.Tripped)
                {
                    Assert.True(decision.Removes == settled, context);
                }
            }

            var deletions = plan.NodesToDeregister.Count();
            Assert.Equal(deletions > options.Sweep.MaxDeletionsPerRun || (plan.Brake.OwnedNodes >= options.Sweep.BrakeMinFleet && deletions * 100 > options.Sweep.MaxDeletionPercent * plan.Brake.OwnedNodes), plan.Brake.Tripped);
        }
    }
}
