using System.Text.RegularExpressions;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>
/// The template's event path: EventBridge rule → EventQueue → CleanupFunction in SQS batches, and who may do
/// what to which queue. Structure only; cfn-lint (CI) validates the template and runs the SAM transform.
/// </summary>
public partial class TemplateQueueTests
{
    private static readonly TemplateText _template = TemplateText.Load(Repo.Path("template.yaml"));
    private static readonly TemplateText _resources = _template["Resources"];
    private static readonly TemplateText _parameters = _template["Parameters"];

    private static readonly string[] _consumeActions =
        ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"];

    [Fact]
    public void EventFunction_ConsumesEventQueue_InBatchesWithPartialFailuresAndAConcurrencyCap()
    {
        var events = _resources["CleanupFunction"]["Properties"]["Events"];
        var queueEvent = Assert.Single(events.Keys);
        var properties = events[queueEvent]["Properties"];

        Assert.Equal("SQS", events[queueEvent].Scalar("Type"));
        Assert.Equal("!GetAtt EventQueue.Arn", properties.Scalar("Queue"));
        Assert.Equal("!Ref EventBatchSize", properties.Scalar("BatchSize"));
        Assert.Equal("!Ref BatchingWindowSeconds", properties.Scalar("MaximumBatchingWindowInSeconds"));
        Assert.Equal("[ReportBatchItemFailures]", properties.Scalar("FunctionResponseTypes"));
        Assert.Equal("!Ref EventMaxConcurrency", properties["ScalingConfig"].Scalar("MaximumConcurrency"));
    }

    [Fact]
    public void EventFunction_ReservesNoConcurrencyAndHasNoAsyncInvokeConfig()
    {
        var properties = _resources["CleanupFunction"]["Properties"];

        Assert.False(properties.Has("ReservedConcurrentExecutions"));
        Assert.False(properties.Has("EventInvokeConfig"));
        Assert.False(_template["Globals"].Contains("ReservedConcurrentExecutions"));
    }

    [Fact]
    public void EventFunction_SqsEventIsNotNamedLikeTheOldRule()
    {
        // SAM names generated resources <Function><Event>; the old EventBridgeRule event made the rule
        // CleanupFunctionTaskStopped, and CloudFormation cannot change an existing logical id's type.
        Assert.DoesNotContain("TaskStopped", _resources["CleanupFunction"]["Properties"]["Events"].Keys);
    }

    [Fact]
    public void Rule_SendsStoppedTasksToEventQueue_WithRetriesAndItsOwnDeadLetterQueue()
    {
        var rule = _resources["TaskStoppedRule"];
        var properties = rule["Properties"];

        Assert.Equal("AWS::Events::Rule", rule.Scalar("Type"));
        var pattern = properties["EventPattern"].ToString();
        Assert.Contains("\"source\": [\"aws.ecs\"]", pattern, StringComparison.Ordinal);
        Assert.Contains("\"detail-type\": [\"ECS Task State Change\"]", pattern, StringComparison.Ordinal);
        Assert.Contains("\"account\": [\"${AWS::AccountId}\"]", pattern, StringComparison.Ordinal);
        Assert.Contains("\"region\": [\"${AWS::Region}\"]", pattern, StringComparison.Ordinal);
        Assert.Contains("\"lastStatus\": [\"STOPPED\"]${ClusterFilter}", pattern, StringComparison.Ordinal);

        var target = properties["Targets"].ToString();
        Assert.Single(Regex.Matches(target, @"^\s*- Id:", RegexOptions.Multiline));
        Assert.Contains("Arn: !GetAtt EventQueue.Arn", target, StringComparison.Ordinal);
        Assert.Contains("MaximumEventAgeInSeconds: !Ref MaximumEventAgeSeconds", target, StringComparison.Ordinal);
        Assert.Contains("Arn: !GetAtt RuleDeadLetterQueue.Arn", target, StringComparison.Ordinal);
        Assert.DoesNotContain("Input", target, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EventQueuePolicy", "EventQueue")]
    [InlineData("RuleDeadLetterQueuePolicy", "RuleDeadLetterQueue")]
    public void QueuePolicy_LetsOnlyEventBridgeSend_ForThisStacksRule(string policy, string queue)
    {
        var properties = _resources[policy]["Properties"];
        var statement = Assert.Single(properties["PolicyDocument"]["Statement"].Statements());

        Assert.Equal($"[!Ref {queue}]", properties.Scalar("Queues"));
        Assert.Contains("Effect: Allow", statement, StringComparison.Ordinal);
        Assert.Contains("Principal: { Service: events.amazonaws.com }", statement, StringComparison.Ordinal);
        Assert.Matches(@"\bAction: sqs:SendMessage\n", statement);
        Assert.Contains($"Resource: !GetAtt {queue}.Arn", statement, StringComparison.Ordinal);
        Assert.Matches(@"ArnEquals:\s+aws:SourceArn: !GetAtt TaskStoppedRule\.Arn\s*$", statement);
    }

    [Fact]
    public void EventQueue_IsEncrypted_AndRedrivesToItsDeadLetterQueueAfterMaxReceiveCount()
    {
        var queue = _resources["EventQueue"]["Properties"];
        var deadLetters = _resources["EventDeadLetterQueue"]["Properties"];

        Assert.Equal("true", queue.Scalar("SqsManagedSseEnabled"));
        Assert.Equal("!Ref QueueVisibilityTimeoutSeconds", queue.Scalar("VisibilityTimeout"));
        Assert.Equal("!GetAtt EventDeadLetterQueue.Arn", queue["RedrivePolicy"].Scalar("deadLetterTargetArn"));
        Assert.Equal("!Ref MaxReceiveCount", queue["RedrivePolicy"].Scalar("maxReceiveCount"));
        Assert.Equal("true", deadLetters.Scalar("SqsManagedSseEnabled"));
        Assert.Equal(14 * 24 * 3600, deadLetters.Number("MessageRetentionPeriod"));
        // A message keeps its first enqueue time when it moves to the DLQ: the DLQ must keep it longer.
        Assert.True(queue.Number("MessageRetentionPeriod") < deadLetters.Number("MessageRetentionPeriod"));
    }

    [Fact]
    public void Defaults_GiveTheQueueAVisibilityTimeoutOfAtLeastSixFunctionTimeoutsPlusTheBatchingWindow()
    {
        var visibility = _parameters["QueueVisibilityTimeoutSeconds"].Number("Default");
        var timeout = _parameters["FunctionTimeout"].Number("Default");
        var window = _parameters["BatchingWindowSeconds"].Number("Default");

        Assert.True(visibility >= (6 * timeout) + window, $"{visibility} < 6 x {timeout} + {window}");
        // Even the largest window and timeout the parameters allow fit under SQS's 12-hour maximum.
        var most = (6 * _parameters["FunctionTimeout"].Number("MaxValue")) + _parameters["BatchingWindowSeconds"].Number("MaxValue");
        Assert.True(most <= _parameters["QueueVisibilityTimeoutSeconds"].Number("MaxValue"));
    }

    [Fact]
    public void Defaults_GiveBatchesAboveTenABatchingWindow_AndTheTemplateAssertsIt()
    {
        Assert.True(_parameters["EventBatchSize"].Number("Default") <= 10 || _parameters["BatchingWindowSeconds"].Number("Default") >= 1);
        var rule = _template["Rules"]["LargeBatchesNeedABatchingWindow"].ToString();
        Assert.Contains("Fn::Equals: [!Ref BatchingWindowSeconds, \"0\"]", rule, StringComparison.Ordinal);
        Assert.Contains("!Ref EventBatchSize", rule, StringComparison.Ordinal);
    }

    [Fact]
    public void EventRole_ConsumesOnlyEventQueue_AndSendsNothing()
    {
        var statements = SqsStatements("EventFunctionRole");

        var statement = Assert.Single(statements);
        Assert.Matches(@"Resource: !GetAtt EventQueue\.Arn\s*$", statement);
        Assert.Equal(_consumeActions.Order(), SqsActions(statement).Order());
    }

    [Fact]
    public void SweepRole_OnlySendsToTheSweepFailuresQueue()
    {
        var statement = Assert.Single(SqsStatements("SweepFunctionRole"));

        Assert.Matches(@"Action: sqs:SendMessage\n", statement);
        Assert.Equal(["sqs:SendMessage"], SqsActions(statement));
        Assert.Matches(@"Resource: !GetAtt SweepFailuresQueue\.Arn\s*$", statement);
        Assert.Equal("!GetAtt SweepFailuresQueue.Arn", _resources["SweepFunction"]["Properties"]["EventInvokeConfig"]["DestinationConfig"]["OnFailure"].Scalar("Destination"));
        Assert.Equal(0, _resources["SweepFunction"]["Properties"]["EventInvokeConfig"].Number("MaximumRetryAttempts"));
    }

    [Fact]
    public void NoOtherPolicyGrantsQueueActions()
    {
        Assert.False(_resources["SsmCleanupPolicy"].Contains("sqs:"));
        Assert.False(_resources["EcsDescribeTasksPolicy"].Contains("sqs:"));
    }

    [Fact]
    public void BothRoles_ShareTheSsmAndDescribeTasksPolicies_WrittenOnce()
    {
        foreach (var role in new[] { "EventFunctionRole", "SweepFunctionRole" })
        {
            var properties = _resources[role]["Properties"];
            Assert.Equal("[!Ref SsmCleanupPolicy, !Ref EcsDescribeTasksPolicy]", properties.Scalar("ManagedPolicyArns"));
            // The only SSM actions of a role's own policies are the sweep lease's (TemplateSweepLeaseTests).
            var ssmActions = Regex.Matches(properties["Policies"].ToString(), @"ssm:[A-Za-z*]+").Select(m => m.Value).Distinct();
            Assert.All(ssmActions, a => Assert.Contains(a, (string[])["ssm:GetParameter", "ssm:PutParameter"]));
            Assert.False(properties["Policies"].Contains("ecs:DescribeTasks"), role);
        }

        Assert.Equal("AWS::IAM::ManagedPolicy", _resources["SsmCleanupPolicy"].Scalar("Type"));
        Assert.Equal("AWS::IAM::ManagedPolicy", _resources["EcsDescribeTasksPolicy"].Scalar("Type"));
        Assert.Single(Regex.Matches(_template.ToString(), "\"ssm:DeregisterManagedInstance\""));
        // Once for the allowed clusters, once in the legacy matching policy (below).
        Assert.Equal(2, Regex.Matches(_template.ToString(), @"ecs:DescribeTasks\b").Count);
        Assert.Single(Regex.Matches(_resources["EcsDescribeTasksPolicy"].ToString(), @"ecs:DescribeTasks\b"));
    }

    [Fact]
    public void LegacyMatching_ReadsEveryClustersTasks_OnlyWithTheSweepRoleAndOnlyWhenLegacyModeIsOn()
    {
        var policy = _resources["ReadEveryClusterForLegacyPolicy"];

        Assert.Equal("LegacyOn", policy.Scalar("Condition"));
        Assert.Equal("[!Ref SweepFunctionRole]", policy["Properties"].Scalar("Roles"));
        Assert.Contains("Action: [ecs:ListClusters, ecs:ListTasks]", policy.ToString(), StringComparison.Ordinal);
        // Read-only: nothing in it changes ECS.
        Assert.DoesNotMatch(@"ecs:(Stop|Run|Update|Delete|Create|Put|Tag)", policy.ToString());
        Assert.Contains("LegacyOn: !Not [!Equals [!Ref LegacyMode, \"off\"]]", _template.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheSweepRole_ListsTasks()
    {
        Assert.True(_resources["SweepFunctionRole"].Contains("Action: ecs:ListTasks"));
        Assert.Single(Regex.Matches(_resources["SweepFunctionRole"].ToString(), @"ecs:ListTasks\b"));
        Assert.Equal(2, Regex.Matches(_template.ToString(), @"ecs:ListTasks\b").Count);
        Assert.False(_resources["EventFunctionRole"].Contains("ecs:ListTasks"));
    }

    [Theory]
    [InlineData("EventFunctionRole")]
    [InlineData("SweepFunctionRole")]
    public void EachRole_WritesOnlyTheStacksLogGroup(string role)
    {
        var logs = _resources[role]["Properties"]["Policies"].Statements().Where(s => s.Contains("logs:", StringComparison.Ordinal)).ToList();

        var statement = Assert.Single(logs);
        Assert.Contains("Action: [logs:CreateLogStream, logs:PutLogEvents]", statement, StringComparison.Ordinal);
        Assert.Matches(@"Resource: !GetAtt CleanupLogGroup\.Arn\s*$", statement);
    }

    [Fact]
    public void Functions_UseTheirOwnRoles()
    {
        Assert.Equal("!GetAtt EventFunctionRole.Arn", _resources["CleanupFunction"]["Properties"].Scalar("Role"));
        Assert.Equal("!GetAtt SweepFunctionRole.Arn", _resources["SweepFunction"]["Properties"].Scalar("Role"));
        Assert.False(_resources.Has("CleanupRole"));
    }

    [Theory]
    [InlineData("EventDeadLetterAlarm", "EventDeadLetterQueue")]
    [InlineData("RuleDeadLetterAlarm", "RuleDeadLetterQueue")]
    [InlineData("SweepFailuresAlarm", "SweepFailuresQueue")]
    [InlineData("EventErrorsAlarm", null)]
    [InlineData("EventBrakeTrippedAlarm", null)]
    [InlineData("SweepErrorsAlarm", null)]
    [InlineData("SweepBrakeTrippedAlarm", null)]
    [InlineData("SweepUnknownEvidenceAlarm", null)]
    [InlineData("SweepEcsClustersDeniedAlarm", null)]
    public void Alarms_ExistOnlyWithAnAlarmTopic(string alarm, string? queue)
    {
        Assert.Equal("HasAlarmTopic", _resources[alarm].Scalar("Condition"));
        Assert.Equal(TemplateAlarmTests.AlarmActions, _resources[alarm]["Properties"].Scalar("AlarmActions"));
        if (queue is not null)
        {
            Assert.True(_resources[alarm].Contains($"Value: !GetAtt {queue}.QueueName"));
        }
    }

    [Fact]
    public void Outputs_NameEveryQueue()
    {
        var outputs = _template["Outputs"];
        foreach (var (output, queue) in new[]
        {
            ("EventQueueUrl", "EventQueue"), ("EventDeadLetterQueueUrl", "EventDeadLetterQueue"),
            ("RuleDeadLetterQueueUrl", "RuleDeadLetterQueue"), ("SweepFailuresQueueUrl", "SweepFailuresQueue"),
        })
        {
            Assert.Equal($"!Ref {queue}", outputs[output].Scalar("Value"));
        }
    }

    [Fact]
    public void EveryParameter_HasADescription_AndIsInExactlyOneParameterGroup()
    {
        var grouped = ParameterGroupList().Matches(_template["Metadata"].ToString())
            .SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))
            .ToList();

        Assert.Equal(_parameters.Keys.Order(StringComparer.Ordinal), grouped.Order(StringComparer.Ordinal));
        Assert.All(_parameters.Keys, p => Assert.True(_parameters[p].Has("Description"), p));
    }

    private static List<string> SqsStatements(string role) =>
        _resources[role]["Properties"]["Policies"].Statements().Where(s => s.Contains("sqs:", StringComparison.Ordinal)).ToList();

    private static List<string> SqsActions(string statement) =>
        SqsAction().Matches(statement).Select(m => m.Value).ToList();

    [GeneratedRegex(@"sqs:[A-Za-z]+")]
    private static partial Regex SqsAction();

    [GeneratedRegex(@"Parameters:\s*\[([^\]]*)\]")]
    private static partial Regex ParameterGroupList();
}
