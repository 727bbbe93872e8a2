using System.Text;
using System.Text.Json.Nodes;
using Cleanup.Events;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Events;

public class EventParserTests
{
    private static ParsedEvent Parse(string json) => EventParser.Parse(Encoding.UTF8.GetBytes(json), TestOptions.Default);

    private static JsonObject Sample(string name = "task-stopped.json") =>
        JsonNode.Parse(Repo.Event(name))!.AsObject();

    private static ParsedEvent Parse(JsonObject json) => Parse(json.ToJsonString());

    [Fact]
    public void Parse_StoppedSample_AcceptsTaskWithClusterNameAndId()
    {
        var accepted = Assert.IsType<AcceptedEvent>(EventParser.Parse(Repo.Event("task-stopped.json"), TestOptions.Default));

        var trigger = Assert.IsType<TaskStoppedTrigger>(accepted.Trigger);
        var task = Assert.Single(trigger.Tasks);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e", task.Task.Value);
        Assert.Equal("shells", task.Cluster.ClusterName);
        Assert.Equal("shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e", task.InstanceName);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 15, 41, 921, TimeSpan.Zero), task.StoppedAt);
        Assert.Equal(6, task.Version);
        Assert.Equal("3317b2af-7005-947d-b652-f55e762e571a", trigger.EventId);
    }

    [Fact]
    public void Parse_OldArnFormat_TakesClusterFromClusterArn()
    {
        var accepted = Assert.IsType<AcceptedEvent>(EventParser.Parse(Repo.Event("task-stopped-old-arn.json"), TestOptions.Default));

        var task = Assert.Single(Assert.IsType<TaskStoppedTrigger>(accepted.Trigger).Tasks);
        Assert.Null(task.Task.ClusterName);
        Assert.Equal("legacy/1dc5c17a-422b-4dc4-b493-371970c6c4d6", task.InstanceName);
    }

    [Fact]
    public void Parse_RunningSample_IsIgnoredWithStatusInReason()
    {
        var ignored = Assert.IsType<IgnoredEvent>(EventParser.Parse(Repo.Event("task-running.json"), TestOptions.Default));

        Assert.Contains("RUNNING", ignored.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PROVISIONING")]
    [InlineData("DEPROVISIONING")]
    [InlineData("STOPPING")]
    public void Parse_TaskNotYetStopped_IsIgnored(string status)
    {
        var json = Sample();
        json["detail"]!["lastStatus"] = status;

        Assert.IsType<IgnoredEvent>(Parse(json));
    }

    [Theory]
    [InlineData("aws.ec2", "EC2 Instance State-change Notification")]
    [InlineData("aws.ecs", "ECS Container Instance State Change")]
    [InlineData("aws.ecs", "ECS Deployment State Change")]
    [InlineData("my.app", "ECS Task State Change")]
    public void Parse_OtherSourceOrDetailType_IsIgnored(string source, string detailType)
    {
        var json = Sample();
        json["source"] = source;
        json["detail-type"] = detailType;

        var ignored = Assert.IsType<IgnoredEvent>(Parse(json));
        Assert.Contains(detailType, ignored.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    public void Parse_MalformedInput_IsRejected(string input)
    {
        Assert.IsType<RejectedEvent>(Parse(input));
    }

    [Theory]
    [InlineData("source")]
    [InlineData("detail-type")]
    [InlineData("detail")]
    [InlineData("region")]
    [InlineData("account")]
    [InlineData("id")]
    public void Parse_MissingEnvelopeField_IsRejectedNamingTheField(string field)
    {
        var json = Sample();
        json.Remove(field);

        var rejected = Assert.IsType<RejectedEvent>(Parse(json));
        Assert.Contains(field, rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("taskArn")]
    [InlineData("clusterArn")]
    [InlineData("lastStatus")]
    public void Parse_MissingDetailField_IsRejectedNamingTheField(string field)
    {
        var json = Sample();
        json["detail"]!.AsObject().Remove(field);

        var rejected = Assert.IsType<RejectedEvent>(Parse(json));
        Assert.Contains($"detail.{field}", rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("taskArn", "42")]
    [InlineData("lastStatus", "true")]
    [InlineData("stoppedAt", "\"yesterday\"")]
    [InlineData("stoppedAt", "1764152141")]
    [InlineData("version", "\"six\"")]
    [InlineData("clusterArn", "{}")]
    public void Parse_WrongTypeInDetail_IsRejected(string field, string value)
    {
        var json = Sample();
        json["detail"]![field] = JsonNode.Parse(value);

        var rejected = Assert.IsType<RejectedEvent>(Parse(json));
        Assert.Contains(field, rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DetailNotAnObject_IsRejected()
    {
        var json = Sample();
        json["detail"] = "STOPPED";

        Assert.IsType<RejectedEvent>(Parse(json));
    }

    [Fact]
    public void Parse_EventFromAnotherRegion_IsRejected()
    {
        var json = Sample();
        json["region"] = "eu-west-1";

        var rejected = Assert.IsType<RejectedEvent>(Parse(json));
        Assert.Contains("eu-west-1", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EventFromAnotherAccount_IsRejectedWhenAccountConfigured()
    {
        var json = Sample();
        json["account"] = "210987654321";

        Assert.IsType<RejectedEvent>(Parse(json));
    }

    [Fact]
    public void Parse_EventFromAnotherAccount_IsJudgedOnItsArnsWhenNoAccountConfigured()
    {
        var json = Sample();
        json["account"] = "210987654321";

        // The ARNs still name 123456789012, so the event contradicts itself.
        var rejected = Assert.IsType<RejectedEvent>(EventParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), TestOptions.Default with { AccountId = null }));
        Assert.Contains("account", rejected.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e")]
    [InlineData("arn:aws:ecs:us-east-1:999999999999:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task/other/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task/shells/../../etc")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task/shells/5a7c*")]
    [InlineData("task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e")]
    public void Parse_ForeignOrMalformedTaskArn_IsRejected(string taskArn)
    {
        var json = Sample();
        json["detail"]!["taskArn"] = taskArn;

        Assert.IsType<RejectedEvent>(Parse(json));
    }

    [Fact]
    public void Parse_ArnsOfAnotherPartitionThanTheRegions_AreRejected()
    {
        var json = Sample();
        json["detail"]!["taskArn"] = "arn:aws-cn:ecs:us-east-1:123456789012:task/shells/5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";
        json["detail"]!["clusterArn"] = "arn:aws-cn:ecs:us-east-1:123456789012:cluster/shells";

        // Both agree with each other, but no aws-cn ARN names anything in us-east-1.
        var rejected = Assert.IsType<RejectedEvent>(Parse(json));
        Assert.Contains("partition", rejected.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClusterOutsideAllowList_IsIgnored()
    {
        var json = Encoding.UTF8.GetBytes(Sample().ToJsonString());

        var ignored = Assert.IsType<IgnoredEvent>(EventParser.Parse(json, TestOptions.WithClusters("other")));
        Assert.Contains("shells", ignored.Reason, StringComparison.Ordinal);
        Assert.IsType<AcceptedEvent>(EventParser.Parse(json, TestOptions.WithClusters("other", "shells")));
    }
}

public class ScheduledTriggerParserTests
{
    private static readonly string _scheduled = """
        {"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41","detail-type":"Scheduled Event","source":"aws.events",
         "account":"123456789012","time":"2026-11-26T10:30:00Z","region":"us-east-1",
         "resources":["arn:aws:events:us-east-1:123456789012:rule/cleanup-SweepFunctionSweep"],"detail":{}}
        """;

    [Fact]
    public void Parse_ScheduledEvent_IsASweep()
    {
        var accepted = Assert.IsType<AcceptedEvent>(EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(_scheduled), TestOptions.Default));

        Assert.Equal("89d1a02d-5ec7-412e-82f5-13505f849b41", Assert.IsType<SweepTrigger>(accepted.Trigger).EventId);
    }

    [Fact]
    public void Parse_ScheduledSample_IsASweep()
    {
        Assert.IsType<SweepTrigger>(Assert.IsType<AcceptedEvent>(EventParser.Parse(Repo.Event("scheduled-sweep.json"), TestOptions.Default)).Trigger);
    }

    [Fact]
    public void Parse_ScheduledEventFromAnotherRegion_IsRejected()
    {
        var json = _scheduled.Replace("\"region\":\"us-east-1\"", "\"region\":\"eu-west-1\"", StringComparison.Ordinal);

        Assert.IsType<RejectedEvent>(EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(json), TestOptions.Default));
    }

    [Fact]
    public void Parse_SchedulerPayload_IsASweep()
    {
        var accepted = Assert.IsType<AcceptedEvent>(EventParser.Parse("""{"cleanup":"sweep"}"""u8.ToArray(), TestOptions.Default));

        Assert.IsType<SweepTrigger>(accepted.Trigger);
    }

    [Theory]
    [InlineData("""{"cleanup":"delete-everything"}""")]
    [InlineData("""{"cleanup":true}""")]
    [InlineData("""{"cleanup":"sweep","force":true}""")]
    public void Parse_UnknownSchedulerPayload_IsRejected(string payload)
    {
        Assert.IsType<RejectedEvent>(EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(payload), TestOptions.Default));
    }
}
