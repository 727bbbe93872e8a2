using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>samconfig.toml keeps a first deploy a dry run and says how to turn deletions on so that it sticks.</summary>
public class TemplateSamconfigTests
{
    private static readonly string[] _lines = File.ReadAllLines(Repo.Path("samconfig.toml"));

    [Fact]
    public void Samconfig_DeploysDryRun_AndSaysToEditThatLineToTurnDeletionsOn()
    {
        var overrides = Assert.Single(_lines, l => l.StartsWith("parameter_overrides", StringComparison.Ordinal));
        Assert.Contains("DryRun=true", overrides, StringComparison.Ordinal);

        var comments = string.Join('\n', _lines.Where(l => l.StartsWith('#')));
        Assert.Contains("EDIT THIS LINE to DryRun=false", comments, StringComparison.Ordinal);
        Assert.Contains("next plain `sam deploy` would put DryRun=true back", comments, StringComparison.Ordinal);
    }
}
