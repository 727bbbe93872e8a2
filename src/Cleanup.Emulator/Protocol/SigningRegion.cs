using System.Text.RegularExpressions;

namespace Cleanup.Emulator.Protocol;

/// <summary>
/// The emulator answers for one region (<see cref="EmulatorOptions.Region"/>), as each AWS endpoint does: a request
/// signed for another region is refused the way AWS refuses it, instead of being shown this region's fleet. Without
/// this, a client of eu-west-1 pointed at the emulator would read us-east-1's nodes and judge them against ECS.
/// </summary>
internal static partial class SigningRegion
{
    /// <summary>The region of a SigV4 Authorization header's credential scope (KEY/DATE/REGION/SERVICE/aws4_request), or null.</summary>
    public static string? Of(string authorization)
    {
        var match = Scope().Match(authorization);
        return match.Success ? match.Groups["region"].Value : null;
    }

    /// <summary>AWS's refusal wording, with where the emulator's region comes from.</summary>
    public static string Refusal(string signedFor, string answersFor) =>
        $"Credential should be scoped to a valid region, not '{signedFor}'. (This emulator answers for {answersFor}: start it with --region {signedFor}, or use AWS_REGION={answersFor}.)";

    /// <summary>True when the request is signed, its scope readable, and its region not the emulator's.</summary>
    public static bool IsForeign(string authorization, string region, out string signedFor)
    {
        signedFor = Of(authorization) ?? region;
        return !string.Equals(signedFor, region, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Credential=[^/,\s]+/[0-9]{8}/(?<region>[^/,\s]+)/[^/,\s]+/aws4_request", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Scope();
}
