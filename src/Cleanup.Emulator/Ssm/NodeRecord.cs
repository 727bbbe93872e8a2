namespace Cleanup.Emulator.Ssm;

/// <summary>Mutable managed-node state; only touched under <see cref="SsmState.Gate"/>.</summary>
internal sealed class NodeRecord
{
    public required long Sequence { get; init; }

    public required string InstanceId { get; init; }

    public required string ResourceType { get; init; }

    public string? Name { get; init; }

    public string? ActivationId { get; init; }

    public string? IamRole { get; init; }

    public required DateTimeOffset RegistrationDate { get; init; }

    public DateTimeOffset? LastPingDateTime { get; set; }

    public string? AgentName { get; set; }

    public string? AgentVersion { get; set; }

    public string? PlatformType { get; set; }

    public string? PlatformName { get; set; }

    public string? PlatformVersion { get; set; }

    public string? IPAddress { get; set; }

    public string? ComputerName { get; set; }

    public string? AvailabilityZone { get; set; }

    public string? AssociationStatus { get; set; }

    /// <summary>Insertion-ordered: ListTagsForResource returns tags in the order they were added.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public string SourceType => ResourceType == SsmState.Ec2Instance ? "AWS::EC2::Instance" : "AWS::SSM::ManagedInstance";

    /// <summary>
    /// Derived at read time, as AWS does from its ping records: Online while the last ping is recent enough, else
    /// ConnectionLost (also for a node that never pinged).
    /// </summary>
    public string PingStatus(DateTimeOffset now, TimeSpan connectionLostAfter) =>
        LastPingDateTime is { } last && now - last <= connectionLostAfter ? "Online" : "ConnectionLost";

    public EmulatedNode Snapshot() => new(
        InstanceId, Name, ActivationId, ResourceType, RegistrationDate, LastPingDateTime, IPAddress, ComputerName,
        new Dictionary<string, string>(Tags, StringComparer.Ordinal));
}
