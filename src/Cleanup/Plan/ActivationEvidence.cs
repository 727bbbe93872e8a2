using Cleanup.Inventory;

namespace Cleanup.Plan;

/// <summary>An activation decision's evidence: its ownership tags and name, its registrations and dates, and what ECS said about its task.</summary>
internal sealed class ActivationEvidence(HybridActivation activation, TaskEvidence? task, TagKeys keys) : LazyEvidence
{
    protected override void Fill(SortedDictionary<string, string> evidence)
    {
        EvidenceBuilder.AddItem(evidence, activation.Tags, activation.DefaultInstanceName, keys);
        EvidenceBuilder.AddActivation(evidence, activation);
        EvidenceBuilder.AddTask(evidence, task);
    }
}
