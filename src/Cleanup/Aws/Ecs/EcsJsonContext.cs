using System.Text.Json.Serialization;

namespace Cleanup.Aws.Ecs;

/// <summary>Source-generated (reflection-free, trim- and AOT-safe) serialization of the ECS bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(DescribeTasksRequest))]
[JsonSerializable(typeof(ListTasksRequest))]
[JsonSerializable(typeof(DescribeTasksBody))]
[JsonSerializable(typeof(ListTasksBody))]
[JsonSerializable(typeof(ListClustersRequest))]
[JsonSerializable(typeof(ListClustersBody))]
internal sealed partial class EcsJsonContext : JsonSerializerContext;
