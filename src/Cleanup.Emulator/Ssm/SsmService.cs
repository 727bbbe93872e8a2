using System.Text.Json.Nodes;
using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>Routes AmazonSSM.* targets to the operation classes.</summary>
internal sealed class SsmService : IAwsService
{
    private readonly Dictionary<string, Func<RequestInput, JsonObject>> _operations;

    public SsmService(SsmState state, EmulatorOptions options)
    {
        var activations = new ActivationOperations(state, options);
        var instances = new InstanceInformationOperations(state, options);
        var tags = new TagOperations(state);
        var agent = new AgentOperations(state, options);
        var parameters = new ParameterOperations(state, options);
        var parameterQueries = new ParameterQueryOperations(state, options);
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateActivation"] = activations.Create,
            ["DescribeActivations"] = activations.Describe,
            ["DeleteActivation"] = activations.Delete,
            ["DescribeInstanceInformation"] = instances.Describe,
            ["DeregisterManagedInstance"] = instances.Deregister,
            ["AddTagsToResource"] = tags.Add,
            ["ListTagsForResource"] = tags.List,
            ["RemoveTagsFromResource"] = tags.Remove,
            ["RegisterManagedInstance"] = agent.Register,
            ["UpdateInstanceInformation"] = agent.UpdateInstanceInformation,
            ["PutParameter"] = parameters.Put,
            ["DeleteParameter"] = parameters.Delete,
            ["GetParameter"] = parameterQueries.Get,
            ["GetParameterHistory"] = parameterQueries.History,
        };
    }

    public string TargetPrefix => "AmazonSSM";

    public string IamPrefix => "ssm";

    public bool Knows(string operation) => _operations.ContainsKey(operation);

    // The agent registers before it has credentials; its pings are accepted unsigned too so a stub agent needs none.
    public bool AllowsUnsigned(string operation) => operation is "RegisterManagedInstance" or "UpdateInstanceInformation";

    public JsonObject Invoke(string operation, RequestInput input) => _operations[operation](input);
}
