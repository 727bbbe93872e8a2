using Cleanup.Domain;
using Cleanup.Events;
using Cleanup.Plan;

namespace Cleanup.Execute;

/// <summary>
/// The executor's checks and records for legacy adoption. An adoption writes ownership tags, the very proof every
/// deletion rests on, so it is refused unless the decision names the one matched task and the node carries neither
/// tag yet; and what happened is written into the decision's evidence (<see cref="EvidenceKey"/>).
/// </summary>
internal static class LegacyAdopter
{
    /// <summary>The evidence key that records the adoption: one of the values below.</summary>
    public const string EvidenceKey = "legacy.adoption";

    /// <summary>Nothing was called (dry-run, brake, deadline): the node would be tagged, then deregistered.</summary>
    public const string Planned = "planned";

    /// <summary>The node now carries the two ownership tags of its matched task.</summary>
    public const string Tagged = "tagged";

    /// <summary>AddTagsToResource failed: the node was not deregistered.</summary>
    public const string TaggingFailed = "tagging-failed";

    /// <summary>SSM no longer knew the node when it was to be tagged.</summary>
    public const string NodeGone = "node-gone";

    /// <summary>The decision did not qualify for adoption: nothing was called.</summary>
    public const string Refused = "refused";

    public const string RefusedCode = "AdoptionRefused";

    /// <summary>Why this decision must not be adopted, or null when it may.</summary>
    public static string? Refusal(Decision decision)
    {
        var adopt = decision.Adopt!;
        if (decision.Kind != ResourceKind.Node || decision.Action != PlannedAction.Deregister || decision.Reason != Reasons.LegacyTaskStopped)
        {
            return $"only a {Reasons.LegacyTaskStopped} node deregistration is adopted, not {decision.Kind} {decision.Action} {decision.Reason}";
        }

        if (decision.TaskArn is null || !string.Equals(adopt.TaskArn, decision.TaskArn, StringComparison.Ordinal))
        {
            return "the adoption does not carry the matched task's ARN";
        }

        if (TaskArn.TryParse(adopt.TaskArn) is null || ClusterArn.TryParse(adopt.ClusterArn) is null)
        {
            return "the adoption's tags are not a task and a cluster ARN";
        }

        if (string.IsNullOrEmpty(adopt.TaskArnKey) || string.IsNullOrEmpty(adopt.ClusterArnKey) ||
            string.Equals(adopt.TaskArnKey, adopt.ClusterArnKey, StringComparison.Ordinal))
        {
            return "the adoption's tag keys are not two distinct ownership keys";
        }

        // The planner lists the node's ownership tags in its evidence as "tag:<key>" (EvidenceBuilder.AddItem).
        if (decision.Evidence.ContainsKey($"tag:{adopt.TaskArnKey}") || decision.Evidence.ContainsKey($"tag:{adopt.ClusterArnKey}"))
        {
            return "the node already carries an ownership tag: only an untagged node is adopted";
        }

        return null;
    }

    /// <summary>The decision, with the adoption recorded in its evidence (for a decision that plans one).</summary>
    public static Decision With(Decision decision, string state)
    {
        var evidence = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in decision.Evidence)
        {
            evidence[key] = value;
        }

        evidence[EvidenceKey] = state;
        return decision with { Evidence = evidence };
    }

    public static Decision AsPlanned(Decision decision) => decision.Adopt is null ? decision : With(decision, Planned);
}
