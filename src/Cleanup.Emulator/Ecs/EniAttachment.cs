namespace Cleanup.Emulator.Ecs;

/// <summary>The elastic network interface ECS attaches to an awsvpc task (every Fargate task has one).</summary>
internal sealed record EniAttachment(string Id, string NetworkInterfaceId, string SubnetId, string MacAddress, string PrivateIPv4Address)
{
    public string PrivateDnsName => $"ip-{PrivateIPv4Address.Replace('.', '-')}.ec2.internal";

    /// <summary>
    /// The attachment's own status along the task lifecycle (inferred from observed events: created before the
    /// task is provisioned, attached while it runs, deleted once it is deprovisioned).
    /// </summary>
    public static string StatusFor(string lastStatus) => lastStatus switch
    {
        TaskLifecycle.Provisioning => "PRECREATED",
        TaskLifecycle.Deprovisioning => "DETACHING",
        TaskLifecycle.Stopped => "DELETED",
        _ => "ATTACHED",
    };
}
