using Cleanup.Inventory;

namespace Cleanup.Plan;

/// <summary>
/// A node decision's evidence: its ownership tags and name, what SSM says about it, how its ownership is known, and
/// what ECS said about its task (or, for legacy adoption, about the task it was matched to).
/// </summary>
internal sealed class NodeEvidence(ManagedNode node, TaskEvidence? task, EcsTask? legacyMatch, TagKeys keys, DateTimeOffset now) : LazyEvidence
{
    public const string LegacyMatch = "name+ipAddress+registrationDate";

    protected override void Fill(SortedDictionary<string, string> evidence)
    {
        EvidenceBuilder.AddItem(evidence, node.Tags, node.Name, keys);
        EvidenceBuilder.AddNode(evidence, node, now);
        evidence["ownership.proof"] = EvidenceBuilder.Of(node.Proof);
        EvidenceBuilder.AddTask(evidence, task);
        if (legacyMatch is not null)
        {
            EvidenceBuilder.AddTask(evidence, TaskEvidence.From(legacyMatch));
            evidence["legacy.match"] = LegacyMatch;
        }
    }
}
