using System.Text.RegularExpressions;
using Cleanup.Execute;
using Cleanup.Plan;

namespace Cleanup.Cli;

/// <summary>
/// The IAM action AWS refused, so the exit-7 line says which permission to grant: AWS names it in its message ("User:
/// … is not authorized to perform: ecs:DescribeTasks on resource: …"); for a removal whose message does not, the call
/// that failed says it.
/// </summary>
public static partial class DeniedAction
{
    /// <summary>The action named in an AWS error message, or null.</summary>
    public static string? In(string? message) =>
        message is not null && Named().Match(message) is { Success: true } match ? match.Groups["action"].Value : null;

    /// <summary>The action a failed removal was refused: named by AWS, else the call the removal makes.</summary>
    public static string? Of(ItemOutcome item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return In(item.ErrorMessage) ?? item.Decision switch
        {
            // An adoption tags the node before deregistering it: either call may be the refused one.
            { Adopt: not null } => null,
            { Kind: ResourceKind.Node } => "ssm:DeregisterManagedInstance",
            _ => "ssm:DeleteActivation",
        };
    }

    [GeneratedRegex(@"not authorized to perform:?\s+(?<action>[a-z0-9-]+:[A-Za-z0-9*]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Named();
}
