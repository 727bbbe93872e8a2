using Cleanup.Options;

namespace Cleanup.Tests.Support;

public static class TestOptions
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    public static CleanupOptions Default { get; } = new() { Region = Region, AccountId = Account };

    public static CleanupOptions WithClusters(params string[] clusters) =>
        Default with { AllowedClusters = new HashSet<string>(clusters, StringComparer.Ordinal) };
}
