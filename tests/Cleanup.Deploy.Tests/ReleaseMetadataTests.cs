using System.Reflection;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The release is described once: Directory.Build.props holds the version and the project URL; the CLI's and the
/// function's assemblies, the template's Serverless Application Repository metadata and the CHANGELOG agree with it,
/// and the license is the standard Apache License 2.0 text.
/// </summary>
public partial class ReleaseMetadataTests
{
    // SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt, the text every Apache-2.0 project ships.
    private const string ApacheLicense20Sha256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";

    private static readonly XElement _props = XElement.Load(Repo.Path("Directory.Build.props"));
    private static readonly TemplateText _sar = TemplateText.Load(Repo.Path("template.yaml"))["Metadata"]["AWS::ServerlessRepo::Application"];

    private static string Property(string name) =>
        Assert.Single(_props.Descendants(name)).Value;

    [Fact]
    public void Version_IsWrittenOnce_AndTheToolTheFunctionAndTheTemplateCarryIt()
    {
        var version = Property("Version");

        Assert.Matches(SemanticVersion(), version);
        Assert.Equal(version, _sar.Scalar("SemanticVersion"));
        foreach (var assembly in new[] { typeof(Cleanup.Cli.ExitCodes).Assembly, typeof(Function).Assembly })
        {
            // The SDK appends "+<commit>" to the informational version; `cleanup --version` prints it as it is.
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            Assert.Equal(version, informational.Split('+')[0]);
        }

        var projects = Directory.GetFiles(Repo.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Repo.Path("bench"), "*.csproj", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Repo.Path("tests"), "*.csproj", SearchOption.AllDirectories));
        Assert.All(projects, project => Assert.DoesNotContain(
            XElement.Load(project).Descendants(), e => e.Name.LocalName is "Version" or "VersionPrefix" or "PackageVersion"));
    }

    [Fact]
    public void ServerlessRepoMetadata_HasTheFieldsSarRequires_InItsFormats()
    {
        // Formats from the SAM developer guide, "AWS SAM template Metadata section properties".
        Assert.Matches(@"^[a-zA-Z0-9\-]{1,140}$", _sar.Scalar("Name"));
        var description = string.Join(' ', _sar["Description"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.InRange(description.Length, 1, 256);
        Assert.Matches(@"^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$", _sar.Scalar("Author"));
        Assert.Equal("Apache-2.0", _sar.Scalar("SpdxLicenseId"));
        Assert.Equal("LICENSE", _sar.Scalar("LicenseUrl"));
        Assert.Equal("README.md", _sar.Scalar("ReadmeUrl"));
        Assert.True(File.Exists(Repo.Path(_sar.Scalar("LicenseUrl"))));
        Assert.True(File.Exists(Repo.Path(_sar.Scalar("ReadmeUrl"))));
        Assert.True(new FileInfo(Repo.Path(_sar.Scalar("ReadmeUrl"))).Length < 5 * 1024 * 1024);

        var labels = _sar.Scalar("Labels").Trim('[', ']').Split(',', StringSplitOptions.TrimEntries);
        Assert.InRange(labels.Length, 1, 10);
        Assert.All(labels, label => Assert.Matches(@"^[a-zA-Z0-9+\-_:\/@]{1,127}$", label));

        // No intrinsic function anywhere: SAR reads the section as it is written.
        Assert.DoesNotContain("!", _sar.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Fn::", _sar.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectUrl_IsWrittenOnce_AndTheTemplateNamesTheSame()
    {
        var url = Property("PackageProjectUrl");

        Assert.StartsWith("https://", url, StringComparison.Ordinal);
        Assert.Equal("$(PackageProjectUrl)", Property("RepositoryUrl"));
        Assert.Equal(url, _sar.Scalar("HomePageUrl"));
        Assert.Equal(url, _sar.Scalar("SourceCodeUrl"));
    }

    [Fact]
    public void License_IsTheApacheLicense20Text_AndTheCopyrightIsInNoticeAndThePackage()
    {
        var license = File.ReadAllBytes(Repo.Path("LICENSE"));
        const string copyright = "Copyright 2026 The Cleanup authors";

        Assert.Equal(ApacheLicense20Sha256, Convert.ToHexStringLower(SHA256.HashData(license)));
        Assert.Equal("Apache-2.0", Property("PackageLicenseExpression"));
        Assert.Equal(copyright, Property("Copyright"));
        Assert.Contains(copyright, File.ReadAllLines(Repo.Path("NOTICE")));
    }

    [Fact]
    public void Package_PacksTheReadmeLicenseAndNotice()
    {
        var cli = XElement.Load(Repo.Path("src/Cleanup.Cli/Cleanup.Cli.csproj"));
        var packed = cli.Descendants("None").Where(e => (string?)e.Attribute("Pack") == "true")
            .Select(e => Path.GetFileName(((string)e.Attribute("Include")!).Replace('\\', '/')))
            .ToList();

        Assert.Equal("README.md", Assert.Single(cli.Descendants("PackageReadmeFile")).Value);
        Assert.Equal(["LICENSE", "NOTICE", "README.md"], packed.Order(StringComparer.Ordinal));
        Assert.NotEmpty(Assert.Single(cli.Descendants("PackageTags")).Value.Split(';'));
    }

    [Fact]
    public void Changelog_HasAnEntryForTheVersion_InKeepAChangelogFormat()
    {
        var changelog = File.ReadAllText(Repo.Path("CHANGELOG.md"));
        var version = Property("Version");

        Assert.Contains("https://keepachangelog.com/en/1.1.0/", changelog, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^## \[{Regex.Escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog);
        // The newest release is the first one listed.
        Assert.Equal(version, ReleaseHeading().Matches(changelog).Select(m => m.Groups[1].Value).First(v => v != "Unreleased"));
    }

    [Fact]
    public void StackSetExamples_NameTheCodeOfThisVersion()
    {
        var version = Property("Version");

        Assert.All(Directory.GetFiles(Repo.Path("tools/stackset/regions"), "*.json"), file =>
            Assert.Contains($"/{version}/", File.ReadAllText(file), StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"(?m)^## \[([^\]]+)\]")]
    private static partial Regex ReleaseHeading();
}
