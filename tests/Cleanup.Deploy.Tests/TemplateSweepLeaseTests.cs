using Cleanup.Lease;
using Cleanup.Options;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The sweep's overlap guard as deployed: a lease parameter the stack creates free, named to the sweep function,
/// which alone may read and write it (tests/iam/simulate.mjs evaluates the policy; these check the wiring).
/// </summary>
public class TemplateSweepLeaseTests
{
    private static readonly TemplateText _template = TemplateText.Load(Repo.Path("template.yaml"));
    private static readonly TemplateText _resources = _template["Resources"];

    [Fact]
    public void SweepLease_IsAStandardStringParameter_CreatedFree_WithANameSsmAccepts()
    {
        var lease = _resources["SweepLease"];
        var properties = lease["Properties"];

        Assert.Equal("AWS::SSM::Parameter", lease.Scalar("Type"));
        Assert.Equal("String", properties.Scalar("Type"));
        Assert.Equal("Standard", properties.Scalar("Tier"));
        Assert.Equal(LeaseRecord.Free, LeaseRecord.Parse(properties.Scalar("Value").Trim('\'')));
        var name = properties.Scalar("Name").Replace("!Sub ", "", StringComparison.Ordinal).Replace("${AWS::StackName}", "cleanup-prod", StringComparison.Ordinal);
        Assert.Null(SweepLeaseName.Problem(name));
    }

    [Fact]
    public void SweepFunction_TakesTheLease_AndTheEventFunctionDoesNot()
    {
        var sweep = _resources["SweepFunction"]["Properties"]["Environment"]["Variables"];
        var events = _resources["CleanupFunction"]["Properties"]["Environment"]["Variables"];

        Assert.Equal("!Ref SweepLease", sweep.Scalar(EnvironmentOptions.SweepLeaseVariable));
        Assert.False(events.Has(EnvironmentOptions.SweepLeaseVariable));
        // A lease must outlast any run that holds it: the run's end is the timeout every function gets.
        Assert.Equal("!Ref FunctionTimeout", _template["Globals"]["Function"]["Environment"]["Variables"].Scalar(EnvironmentOptions.TimeoutVariable));
    }

    [Fact]
    public void SweepRole_MayReadAndWriteTheLeaseOnly_AndNeverDeleteIt()
    {
        var statement = Assert.Single(
            _resources["SweepFunctionRole"]["Properties"]["Policies"].Statements(),
            s => s.Contains("Sid: HoldSweepLease", StringComparison.Ordinal));

        Assert.Contains("Action: [ssm:GetParameter, ssm:PutParameter]", statement, StringComparison.Ordinal);
        Assert.Contains("Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${SweepLease}", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("ssm:*Parameter", _template.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("DeleteParameter", _template.ToString(), StringComparison.Ordinal);
        Assert.False(_resources["EventFunctionRole"].Contains("SweepLease"));
    }
}
