using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ecs;

/// <summary>Routes AmazonEC2ContainerServiceV20141113.* targets to the operation classes.</summary>
internal sealed class EcsService : IAwsService
{
    private readonly Dictionary<string, Func<RequestInput, JsonObject>> _operations;

    public EcsService(EcsState state)
    {
        var clusters = new ClusterOperations(state);
        var definitions = new TaskDefinitionOperations(state);
        var tasks = new TaskOperations(state);
        var queries = new TaskQueryOperations(state);
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateCluster"] = clusters.Create,
            ["DescribeClusters"] = clusters.Describe,
            ["ListClusters"] = clusters.List,
            ["RegisterTaskDefinition"] = definitions.Register,
            ["RunTask"] = tasks.Run,
            ["StopTask"] = tasks.Stop,
            ["DescribeTasks"] = queries.Describe,
            ["ListTasks"] = queries.List,
        };
    }

    public string TargetPrefix => "AmazonEC2ContainerServiceV20141113";

    public string IamPrefix => "ecs";

    public bool Knows(string operation) => _operations.ContainsKey(operation);

    public bool AllowsUnsigned(string operation) => false;

    public JsonObject Invoke(string operation, RequestInput input)
    {
        try
        {
            return _operations[operation](input);
        }
        catch (AwsErrorException error) when (error.Code is "ValidationException" or "InvalidNextToken")
        {
            // ECS's model declares neither code: its front end reports constraint violations and bad page tokens as
            // InvalidParameterException (inferred for the wording, which keeps the shared validator's text).
            throw EcsErrors.InvalidParameter(error.Message);
        }
    }
}
