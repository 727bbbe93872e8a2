namespace Cleanup.Emulator.Ecs;

/// <summary>A cluster; only touched under <see cref="EcsState.Gate"/>.</summary>
internal sealed class ClusterRecord
{
    public required long Sequence { get; init; }

    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; }
}
