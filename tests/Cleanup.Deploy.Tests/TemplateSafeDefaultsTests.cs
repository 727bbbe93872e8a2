using System.Text.RegularExpressions;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// A deploy that sets no parameter (the console, a pipeline, the Serverless Application Repository) is a dry run; the
/// notification parameters are optional and accept exactly one address.
/// </summary>
public class TemplateSafeDefaultsTests
{
    private static readonly TemplateText _parameters = TemplateText.Load(Repo.Path("template.yaml"))["Parameters"];

    [Fact]
    public void DryRun_IsTheTemplatesDefault()
    {
        Assert.Equal("true", _parameters["DryRun"].Scalar("Default"));
        Assert.Contains("\"false\" to turn deletions on", _parameters["DryRun"]["Description"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AlarmParameters_AreOptional_AndTheDashboardIsOnByDefault()
    {
        Assert.Equal("", _parameters["AlarmTopicArn"].Scalar("Default"));
        Assert.Equal("", _parameters["AlarmEmail"].Scalar("Default"));
        Assert.Equal("true", _parameters["CreateDashboard"].Scalar("Default"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("ops@example.com", true)]
    [InlineData("first.last+cleanup@mail.example.co.uk", true)]
    [InlineData("ops", false)]
    [InlineData("ops@example", false)]
    [InlineData("a@example.com,b@example.com", false)]
    [InlineData("ops @example.com", false)]
    [InlineData("\"ops\"@example.com", false)]
    public void AlarmEmail_AcceptsOneAddressOrNothing(string value, bool accepted)
    {
        // The template writes the pattern as a YAML double-quoted string: \\ is one backslash, \" one quote.
        var pattern = _parameters["AlarmEmail"].Scalar("AllowedPattern").Replace("\\\\", "\\", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);

        Assert.Equal(accepted, Regex.IsMatch(value, pattern));
    }
}
