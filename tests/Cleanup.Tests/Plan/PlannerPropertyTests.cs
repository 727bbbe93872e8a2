using Cleanup.Events;
using Cleanup.Inventory;
using Cleanup.Options;
using Cleanup.Plan;
using Cleanup.Tests.Support;
using static Cleanup.Tests.Plan.PlanFixture;

namespace Cleanup.Tests.Plan;

/// <summary>
/// Generated fleets: every item is built from a known variant whose correct fate is fixed in advance, so the
/// planner is checked against intent, not against a copy of its own logic.
/// </summary>
public class PlannerPropertyTests
{
    private enum Variant
    {
        OwnedByStoppedTask,
        OwnedNeverPinged,
        OwnedPingedJustBeforeStop,
        RunningTask,
        Untagged,
        NameOnly,
        OnlyTaskTag,
        OtherPrefix,
        ClusterMismatch,
        WrongName,
        Ec2Instance,
        PingedAfterStop,
        DisallowedCluster,
    }

    private static readonly Variant[] _variants = Enum.GetValues<Variant>();

    private static bool ShouldRemove(Variant v) =>
        v is Variant.OwnedByStoppedTask or Variant.OwnedNeverPinged or Variant.OwnedPingedJustBeforeStop;

    [Fact]
    public void Plan_GeneratedFleets_RemoveExactlyWhatTheStoppedTasksOwn()
    {
        for (var seed = 0; seed < 3000; seed++)
        {
            var random = new Random(seed);
            var options = TestOptions.WithClusters("shells", "batch") with { DryRun = random.Next(2) == 0 };
            var stopped = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Task(random.Next(2) == 0 ? "shells" : "batch", Now.AddMinutes(-random.Next(1, 30)), oldFormat: random.Next(4) == 0)).ToList();
            var expected = new Dictionary<string, bool>(StringComparer.Ordinal);
            var nodes = new List<ManagedNode>();
            var activations = new List<HybridActivation>();
            var heldActivations = new HashSet<string>(StringComparer.Ordinal);
            for (var i = random.Next(0, 25); i > 0; i--)
            {
                var variant = _variants[random.Next(_variants.Length)];
                var owner = stopped[random.Next(stopped.Count)];
                var (node, activation) = Build(variant, owner, random);
                nodes.Add(node);
                expected[node.InstanceId] = ShouldRemove(variant);
                if (activation is not null)
                {
                    activations.Add(activation);
                    // An activation is removed with its task, unless a node of it pinged after the stop.
                    expected[activation.ActivationId] = ShouldRemove(variant) || variant == Variant.PingedAfterStop;
                    if (variant == Variant.PingedAfterStop)
                    {
                        heldActivations.Add(activation.ActivationId);
                    }
                }
            }

            foreach (var held in heldActivations)
            {
                expected[held] = false;
            }

            var plan = PlanFor(Stopped([.. stopped]), options, nodes, activations);

            Assert.Equal(nodes.Count, plan.Nodes.Count);
            Assert.Equal(activations.Count, plan.Activations.Count);
            foreach (var decision in plan.All)
            {
                Assert.True(expected[decision.ResourceId] == decision.Removes, $"seed {seed}: {decision.Kind} {decision.ResourceId} {decision.Action} ({decision.Reason})");
                Assert.False(string.IsNullOrEmpty(decision.Reason));
                if (decision.Removes)
                {
                    Assert.Contains(decision.TaskArn, stopped.Select(t => t.Task.Value));
                    Assert.Equal(decision.TaskArn, decision.Evidence["tag:ssm-cleanup:task-arn"]);
                }
            }
        }
    }

    private static (ManagedNode Node, HybridActivation? Activation) Build(Variant variant, StoppedTask owner, Random random)
    {
        var task = variant switch
        {
            Variant.RunningTask => Task(owner.Cluster.ClusterName),
            Variant.DisallowedCluster => Task("prod", owner.StoppedAt),
            _ => owner,
        };
        var tags = OwnedTags(task);
        var name = task.InstanceName;
        switch (variant)
        {
            case Variant.Untagged:
                tags.Clear();
                break;
            case Variant.NameOnly:
                tags = new Dictionary<string, string> { ["Name"] = name };
                break;
            case Variant.OnlyTaskTag:
                tags.Remove("ssm-cleanup:cluster-arn");
                break;
            case Variant.OtherPrefix:
                tags = OwnedTags(task, "someone-else");
                break;
            case Variant.ClusterMismatch:
                tags["ssm-cleanup:cluster-arn"] = "arn:aws:ecs:us-east-1:123456789012:cluster/elsewhere";
                break;
            case Variant.WrongName:
                name = random.Next(2) == 0 ? null : "shell-" + task.Task.TaskId;
                break;
        }

        var lastPing = variant switch
        {
            Variant.OwnedNeverPinged => (DateTimeOffset?)null,
            Variant.OwnedPingedJustBeforeStop => task.StoppedAt!.Value.AddSeconds(random.Next(-300, 60)),
            Variant.PingedAfterStop => task.StoppedAt!.Value.AddMinutes(2).AddSeconds(random.Next(0, 120)),
            _ => task.StoppedAt!.Value.AddMinutes(-random.Next(1, 10)),
        };
        var activation = random.Next(3) == 0 ? null : Activation(tags, name);
        var node = Node(tags, name, activation?.ActivationId, lastPing) with
        {
            LastPingDateTime = lastPing,
            ResourceType = variant == Variant.Ec2Instance ? "EC2Instance" : ManagedNode.HybridResourceType,
        };

        // An EC2 instance has no activation of its own; the one built above stands for an unrelated leftover.
        return (node, variant == Variant.Ec2Instance ? null : activation);
    }
}
