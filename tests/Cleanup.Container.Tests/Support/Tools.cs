namespace Cleanup.Container.Tests.Support;

/// <summary>The programs the entrypoint tests need, found on PATH, and whether CI insists on them.</summary>
public static class Tools
{
    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Aws { get; } = Find("aws");

    public static string? Curl { get; } = Find("curl");

    public static string? Sh { get; } = Find("sh");

    public static string? Bash { get; } = Find("bash");

    public static string? Shellcheck { get; } = Find("shellcheck");

    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Why the entrypoint cannot run here, or null when it can.</summary>
    public static string? MissingForEntrypoint()
    {
        var missing = new[] { ("aws", Aws), ("curl", Curl), ("sh", Sh), ("bash", Bash) }
            .Where(t => t.Item2 is null)
            .Select(t => t.Item1)
            .ToList();
        return missing.Count == 0 ? null : $"Not on PATH: {string.Join(", ", missing)}; set CI=true to make this a failure.";
    }
}

/// <summary>
/// A fact that runs the entrypoint script (needs sh, bash, curl and the AWS CLI). Without them it is reported as
/// skipped, visibly; when CI=true it runs anyway and fails, because CI must prove the script works.
/// </summary>
public sealed class EntrypointFactAttribute : FactAttribute
{
    public EntrypointFactAttribute()
    {
        if (Tools.MissingForEntrypoint() is { } why && !Tools.RequiredByCi)
        {
            Skip = why;
        }
    }
}

/// <summary>The theory form of <see cref="EntrypointFactAttribute"/>.</summary>
public sealed class EntrypointTheoryAttribute : TheoryAttribute
{
    public EntrypointTheoryAttribute()
    {
        if (Tools.MissingForEntrypoint() is { } why && !Tools.RequiredByCi)
        {
            Skip = why;
        }
    }
}

/// <summary>A fact that needs shellcheck: skipped visibly without it, a failure when CI=true.</summary>
public sealed class ShellcheckFactAttribute : FactAttribute
{
    public ShellcheckFactAttribute()
    {
        if (Tools.Shellcheck is null && !Tools.RequiredByCi)
        {
            Skip = "shellcheck is not on PATH (apt-get install shellcheck); set CI=true to make this a failure.";
        }
    }
}
