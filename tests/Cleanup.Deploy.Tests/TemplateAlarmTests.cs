using System.Text.RegularExpressions;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The template's alarms fire on each NEW failure (not on a queue that merely still holds an old one), the event
/// path and the sweep have their own, and the sweep deploys without reserved concurrency.
/// </summary>
public class TemplateAlarmTests
{
    private static readonly TemplateText _template = TemplateText.Load(Repo.Path("template.yaml"));
    private static readonly TemplateText _resources = _template["Resources"];

    /// <summary>Every alarm notifies the given topic, the one AlarmEmail created, or both (TemplateNotificationTests).</summary>
    internal const string AlarmActions =
        "[!If [HasAlarmTopicArn, !Ref AlarmTopicArn, !Ref AWS::NoValue], !If [HasAlarmEmail, !Ref AlarmTopic, !Ref AWS::NoValue]]";

    private static IReadOnlyList<string> Alarms() =>
        _resources.Keys.Where(k => _resources[k].Scalar("Type") == "AWS::CloudWatch::Alarm").ToList();

    [Fact]
    public void EveryAlarm_HasADescription_NotifiesTheTopics_AndReturnsToOkWhenNothingHappens()
    {
        Assert.NotEmpty(Alarms());
        Assert.All(Alarms(), alarm =>
        {
            var properties = _resources[alarm]["Properties"];
            Assert.Equal("HasAlarmTopic", _resources[alarm].Scalar("Condition"));
            Assert.Equal(AlarmActions, properties.Scalar("AlarmActions"));
            Assert.True(properties.Has("AlarmDescription"), alarm);
            Assert.Equal("notBreaching", properties.Scalar("TreatMissingData"));
            Assert.Equal("GreaterThanThreshold", properties.Scalar("ComparisonOperator"));
            Assert.Equal("0", properties.Scalar("Threshold"));
        });
    }

    [Theory]
    [InlineData("RuleDeadLetterAlarm", "RuleDeadLetterQueue")]
    [InlineData("SweepFailuresAlarm", "SweepFailuresQueue")]
    public void QueuesFilledBySendMessage_AlarmOnMessagesSentPerPeriod(string alarm, string queue)
    {
        var properties = _resources[alarm]["Properties"];

        Assert.Equal("AWS/SQS", properties.Scalar("Namespace"));
        Assert.Equal("NumberOfMessagesSent", properties.Scalar("MetricName"));
        Assert.Equal("Sum", properties.Scalar("Statistic"));
        Assert.True(properties.Contains($"Value: !GetAtt {queue}.QueueName"));
    }

    [Fact]
    public void Alarms_ExistWithEitherTheGivenTopicOrAnEmail()
    {
        var conditions = TemplateText.Load(Repo.Path("template.yaml"))["Conditions"];

        Assert.Equal("!Or [!Condition HasAlarmTopicArn, !Condition HasAlarmEmail]", conditions.Scalar("HasAlarmTopic"));
        Assert.Equal("!Not [!Equals [!Ref AlarmTopicArn, \"\"]]", conditions.Scalar("HasAlarmTopicArn"));
        Assert.Equal("!Not [!Equals [!Ref AlarmEmail, \"\"]]", conditions.Scalar("HasAlarmEmail"));
        Assert.Equal("HasAlarmEmail", _resources["AlarmTopic"].Scalar("Condition"));
        Assert.Equal("HasAlarmEmail", _resources["AlarmEmailSubscription"].Scalar("Condition"));
    }

    [Fact]
    public void EventDeadLetterQueue_AlarmsOnItsGrowth_BecauseRedriveIsNotCountedAsSent()
    {
        var properties = _resources["EventDeadLetterAlarm"]["Properties"];
        var metrics = properties["Metrics"].ToString();

        Assert.Contains("Expression: DIFF(FILL(depth, 0))", metrics, StringComparison.Ordinal);
        Assert.Contains("MetricName: ApproximateNumberOfMessagesVisible", metrics, StringComparison.Ordinal);
        Assert.Contains("Value: !GetAtt EventDeadLetterQueue.QueueName", metrics, StringComparison.Ordinal);
        Assert.Equal(2, properties.Number("EvaluationPeriods"));
        Assert.Equal(1, properties.Number("DatapointsToAlarm"));
    }

    [Fact]
    public void NoAlarm_WatchesHowManyMessagesAQueueStillHolds()
    {
        // A "messages visible > 0" alarm on a 14-day queue stays red after one failure and never notifies again.
        Assert.All(Alarms(), alarm => Assert.NotEqual(
            "ApproximateNumberOfMessagesVisible",
            _resources[alarm]["Properties"].Has("MetricName") ? _resources[alarm]["Properties"].Scalar("MetricName") : null));
    }

    [Theory]
    [InlineData("EventDeadLetterAlarm", "Event path")]
    [InlineData("RuleDeadLetterAlarm", "Event path")]
    [InlineData("EventErrorsAlarm", "Event path")]
    [InlineData("EventBrakeTrippedAlarm", "Event path")]
    [InlineData("SweepFailuresAlarm", "Sweep")]
    [InlineData("SweepErrorsAlarm", "Sweep")]
    [InlineData("SweepBrakeTrippedAlarm", "Sweep")]
    [InlineData("SweepUnknownEvidenceAlarm", "Sweep")]
    [InlineData("SweepEcsClustersDeniedAlarm", "Sweep")]
    [InlineData("SweepSkippedAlarm", "Sweep")]
    public void EventAndSweepFailures_HaveTheirOwnAlarms(string alarm, string path)
    {
        var text = _resources[alarm]["Properties"].ToString();
        var (own, other) = path == "Sweep"
            ? (new[] { "SweepFailuresQueue", "SweepFunction", "Value: Sweep" }, new[] { "EventDeadLetterQueue", "RuleDeadLetterQueue", "CleanupFunction", "TaskStopped" })
            : (new[] { "EventDeadLetterQueue", "RuleDeadLetterQueue", "CleanupFunction", "Value: TaskStopped" }, new[] { "SweepFailuresQueue", "SweepFunction", "Value: Sweep" });

        Assert.StartsWith(path + ":", _resources[alarm]["Properties"]["AlarmDescription"].ToString().Trim(), StringComparison.Ordinal);
        Assert.Contains(own, o => text.Contains(o, StringComparison.Ordinal));
        Assert.DoesNotContain(other, o => text.Contains(o, StringComparison.Ordinal));
    }

    [Fact]
    public void EcsClustersDeniedAlarm_FiresWhenEverySweepOfAnHourWasDenied()
    {
        var properties = _resources["SweepEcsClustersDeniedAlarm"]["Properties"];

        Assert.Equal("EcsClustersDenied", properties.Scalar("MetricName"));
        Assert.True(properties["Dimensions"].Contains("Value: Sweep"));
        Assert.Equal("Minimum", properties.Scalar("Statistic"));
        Assert.Equal(3600, properties.Number("Period"));
        Assert.Equal(1, properties.Number("EvaluationPeriods"));
    }

    [Theory]
    [InlineData("EventErrorsAlarm", "AWS/Lambda", "Errors", "!Ref CleanupFunction")]
    [InlineData("SweepErrorsAlarm", "AWS/Lambda", "Errors", "!Ref SweepFunction")]
    [InlineData("EventBrakeTrippedAlarm", "Cleanup", "BrakeTripped", "TaskStopped")]
    [InlineData("SweepBrakeTrippedAlarm", "Cleanup", "BrakeTripped", "Sweep")]
    [InlineData("SweepUnknownEvidenceAlarm", "Cleanup", "UnknownEvidence", "Sweep")]
    public void MetricAlarms_WatchTheirOneSeries(string alarm, string ns, string metric, string dimensionValue)
    {
        var properties = _resources[alarm]["Properties"];

        Assert.Equal(ns, properties.Scalar("Namespace"));
        Assert.Equal(metric, properties.Scalar("MetricName"));
        Assert.True(properties["Dimensions"].Contains($"Value: {dimensionValue}"), alarm);
        Assert.Equal(1, properties.Number("EvaluationPeriods"));
    }

    [Fact]
    public void SweepSkippedAlarm_FiresOnlyWhenEverySweepWasSkippedForLongerThanAnyLeaseLasts()
    {
        var properties = _resources["SweepSkippedAlarm"]["Properties"];
        var period = TimeSpan.FromSeconds(properties.Number("Period"));
        var evaluated = properties.Number("EvaluationPeriods");
        var longestLease = TimeSpan.FromSeconds(_template["Parameters"]["FunctionTimeout"].Number("MaxValue")) + TimeSpan.FromMinutes(1);
        var schedule = Regex.Match(_template["Parameters"]["SweepSchedule"].Scalar("Default"), @"^rate\((\d+) minutes\)$");

        Assert.Equal("Cleanup", properties.Scalar("Namespace"));
        Assert.Equal("SweepsSkipped", properties.Scalar("MetricName"));
        Assert.True(properties["Dimensions"].Contains("Value: Sweep"));
        // Every sweep emits SweepsSkipped (0 when it ran): the minimum is 1 only in a period where every sweep was skipped.
        Assert.Equal("Minimum", properties.Scalar("Statistic"));
        Assert.Equal(evaluated, properties.Number("DatapointsToAlarm"));
        // A live holder's lease cannot cover even one whole period, let alone all of those that must breach.
        Assert.True(period > longestLease, $"{period}");
        Assert.True(evaluated >= 2);
        // With the default schedule every period holds at least one sweep, so "consecutive" means consecutive sweeps.
        Assert.True(schedule.Success);
        Assert.True(TimeSpan.FromMinutes(int.Parse(schedule.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) <= period);
    }

    [Fact]
    public void Sweep_ReservesNoConcurrencyByDefault()
    {
        var parameter = _template["Parameters"]["SweepConcurrency"];

        Assert.Equal("", parameter.Scalar("Default"));
        Assert.Contains("sweep lease", parameter["Description"].ToString(), StringComparison.Ordinal);
        Assert.Equal(
            "!If [HasSweepConcurrency, !Ref SweepConcurrency, !Ref AWS::NoValue]",
            _resources["SweepFunction"]["Properties"].Scalar("ReservedConcurrentExecutions"));
    }
}
