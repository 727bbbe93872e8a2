namespace Cleanup.Emulator.Ecs;

/// <summary>One registered revision of a task definition family; immutable once registered, like in ECS.</summary>
internal sealed class TaskDefinitionRecord
{
    public required string Arn { get; init; }

    public required string Family { get; init; }

    public required int Revision { get; init; }

    /// <summary>As registered; null means the platform default (bridge on Linux EC2).</summary>
    public string? NetworkMode { get; init; }

    public required IReadOnlyList<string> RequiresCompatibilities { get; init; }

    public required IReadOnlyList<(string Name, string? Image)> Containers { get; init; }

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    public bool UsesAwsVpc => NetworkMode == EcsModel.AwsVpc;

    /// <summary>Launch types this revision can run on; ECS derives the same list into <c>compatibilities</c>.</summary>
    /// <summary>Fargate needs awsvpc, so other network modes run on EC2 only.</summary>
    public IReadOnlyList<string> Compatibilities => UsesAwsVpc ? [EcsModel.Ec2, EcsModel.Fargate] : [EcsModel.Ec2];
}
