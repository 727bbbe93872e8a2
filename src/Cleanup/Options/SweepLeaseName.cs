using System.Text.RegularExpressions;

namespace Cleanup.Options;

/// <summary>What SSM accepts as a parameter name, checked before any call so a bad lease name fails at start.</summary>
public static partial class SweepLeaseName
{
    /// <summary>Why <paramref name="name"/> cannot be the lease parameter, or null when it can.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bare = name.TrimStart('/');
        return !NamePattern().IsMatch(name) ? $"'{Shown(name)}' is not an SSM parameter name (letters, digits and _ . - /, a path starting with '/', up to 1011 characters)"
            : bare.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("ssm", StringComparison.OrdinalIgnoreCase)
                ? $"'{Shown(name)}' starts with aws or ssm, which SSM reserves"
            : null;
    }

    private static string Shown(string value) => Events.Printable.Cut(value, 60);

    // Either a plain name, or a path of up to 15 levels that starts with '/' and has no empty level.
    [GeneratedRegex(@"^(?=.{1,1011}$)(?:[A-Za-z0-9_.\-]+|(?:/[A-Za-z0-9_.\-]+){1,15})$")]
    private static partial Regex NamePattern();
}
