using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// Who the alarms notify and what the stack's outputs say, for the parameter sets an operator can choose, as
/// CloudFormation would evaluate them (<see cref="StackView"/>): no alarm without someone to notify, AlarmEmail makes
/// its own topic, both given = both notified, DashboardUrl and AlarmNames name what exists.
/// </summary>
public class TemplateNotificationTests
{
    private const string TeamTopic = "arn:aws:sns:us-east-1:123456789012:team-alarms";
    private const string CreatedTopic = "arn:aws:sns:us-east-1:123456789012:stack-AlarmTopic";

    private static readonly TemplateText _resources = TemplateText.Load(Repo.Path("template.yaml"))["Resources"];

    private static IReadOnlyList<string> AlarmsInTemplate() =>
        _resources.Keys.Where(k => _resources[k].Scalar("Type") == "AWS::CloudWatch::Alarm").ToList();

    [StackSetToolsFact]
    public async Task Defaults_CreateNoAlarmAndNoTopic_ButTheDashboardAndItsUrl()
    {
        var stack = await StackView.RenderAsync();

        Assert.Empty(stack.AlarmActions);
        Assert.DoesNotContain("AWS::SNS::Topic", stack.Resources.Values);
        Assert.DoesNotContain("AWS::SNS::Subscription", stack.Resources.Values);
        Assert.False(stack.Outputs.ContainsKey("AlarmNames"));
        Assert.False(stack.Outputs.ContainsKey("CreatedAlarmTopicArn"));
        Assert.Equal("AWS::CloudWatch::Dashboard", stack.Resources["Dashboard"]);
        Assert.Equal(
            "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/stack-us-east-1",
            stack.Outputs["DashboardUrl"]);
    }

    [StackSetToolsFact]
    public async Task AlarmTopicArnAlone_EveryAlarmNotifiesThatTopic_AndNoTopicIsCreated()
    {
        var stack = await StackView.RenderAsync($"AlarmTopicArn={TeamTopic}");

        Assert.Equal(AlarmsInTemplate().Order(StringComparer.Ordinal), stack.AlarmActions.Keys.Order(StringComparer.Ordinal));
        Assert.All(stack.AlarmActions.Values, actions => Assert.Equal([TeamTopic], actions));
        Assert.DoesNotContain("AWS::SNS::Topic", stack.Resources.Values);
        Assert.False(stack.Outputs.ContainsKey("CreatedAlarmTopicArn"));
    }

    [StackSetToolsFact]
    public async Task AlarmEmailAlone_CreatesATopicWithTheAddressSubscribed_AndEveryAlarmNotifiesIt()
    {
        var stack = await StackView.RenderAsync("AlarmEmail=ops@example.com");

        Assert.Equal("AWS::SNS::Topic", stack.Resources["AlarmTopic"]);
        Assert.Equal("AWS::SNS::Subscription", stack.Resources["AlarmEmailSubscription"]);
        Assert.Equal(AlarmsInTemplate().Order(StringComparer.Ordinal), stack.AlarmActions.Keys.Order(StringComparer.Ordinal));
        Assert.All(stack.AlarmActions.Values, actions => Assert.Equal([CreatedTopic], actions));
        Assert.Equal(CreatedTopic, stack.Outputs["CreatedAlarmTopicArn"]);

        var subscription = _resources["AlarmEmailSubscription"]["Properties"];
        Assert.Equal("email", subscription.Scalar("Protocol"));
        Assert.Equal("!Ref AlarmEmail", subscription.Scalar("Endpoint"));
        Assert.Equal("!Ref AlarmTopic", subscription.Scalar("TopicArn"));
    }

    [StackSetToolsFact]
    public async Task BothGiven_EveryAlarmNotifiesBothTopics()
    {
        var stack = await StackView.RenderAsync($"AlarmTopicArn={TeamTopic}", "AlarmEmail=ops@example.com");

        Assert.Equal(AlarmsInTemplate().Count, stack.AlarmActions.Count);
        Assert.All(stack.AlarmActions.Values, actions => Assert.Equal([TeamTopic, CreatedTopic], actions));
    }

    [StackSetToolsFact]
    public async Task AlarmNames_NamesEveryAlarmThatExists_CommaSeparated()
    {
        var stack = await StackView.RenderAsync("AlarmEmail=ops@example.com");

        // Render.py names an alarm <stack>-<LogicalId>, as CloudFormation does when no AlarmName is given.
        Assert.Equal(
            AlarmsInTemplate().Select(a => $"stack-{a}").Order(StringComparer.Ordinal),
            stack.Outputs["AlarmNames"].Split(',').Order(StringComparer.Ordinal));
    }

    [StackSetToolsFact]
    public async Task CreateDashboardFalse_LeavesOutTheDashboardAndItsUrl_NotTheAlarms()
    {
        var stack = await StackView.RenderAsync("CreateDashboard=false", $"AlarmTopicArn={TeamTopic}");

        Assert.DoesNotContain("AWS::CloudWatch::Dashboard", stack.Resources.Values);
        Assert.False(stack.Outputs.ContainsKey("DashboardUrl"));
        Assert.Equal(AlarmsInTemplate().Count, stack.AlarmActions.Count);
    }

    [StackSetToolsFact]
    public async Task DashboardUrl_UsesThePartitionsConsole()
    {
        var china = await StackView.RenderAsync("AWS::Partition=aws-cn", "AWS::Region=cn-north-1");
        var gov = await StackView.RenderAsync("AWS::Partition=aws-us-gov", "AWS::Region=us-gov-west-1");

        Assert.Equal(
            "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards/dashboard/stack-cn-north-1",
            china.Outputs["DashboardUrl"]);
        Assert.Equal(
            "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards/dashboard/stack-us-gov-west-1",
            gov.Outputs["DashboardUrl"]);
    }
}
