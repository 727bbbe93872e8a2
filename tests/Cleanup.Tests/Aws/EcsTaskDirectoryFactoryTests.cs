using Cleanup.Aws.Ecs;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Aws;

/// <summary>Runs alone: these tests change process-wide AWS_* variables that every other test's SDK client would read.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EcsProcessEnvironmentCollection
{
    public const string Name = "ECS process environment";
}

/// <summary>
/// The factory honours the standard settings with no code of ours reading them: the SDK resolves the endpoint
/// override from the config's service id "ECS" and the credentials from its default chain.
/// </summary>
[Collection(EcsProcessEnvironmentCollection.Name)]
public sealed class EcsTaskDirectoryFactoryTests
{
    [Theory]
    [InlineData("AWS_ENDPOINT_URL_ECS")]
    [InlineData("AWS_ENDPOINT_URL")]
    public async Task Create_UsesTheSdksEndpointOverrideAndCredentialChain(string endpointVariable)
    {
        await using var server = EcsScriptedServer.Start(_ => (200, """{"taskArns":["a"]}"""));
        using var environment = new EnvironmentScope(new()
        {
            [endpointVariable] = server.Url.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "AKIDFROMENVIRONMENT",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_SESSION_TOKEN"] = null,
            ["AWS_PROFILE"] = null,
        });

        var arns = await EcsTaskDirectoryFactory.Create(TestOptions.Default).ListTaskArnsAsync("shells", "RUNNING", default);

        Assert.Equal(["a"], arns);
        var request = Assert.Single(server.Requests);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMENVIRONMENT/", request.Authorization, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/ecs/aws4_request", request.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutOverride_TargetsTheRegionalEndpoint()
    {
        using var environment = new EnvironmentScope(new() { ["AWS_ENDPOINT_URL_ECS"] = null, ["AWS_ENDPOINT_URL"] = null });
        var config = new EcsClientConfig { RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName("eu-west-1") };

        var endpoint = config.DetermineServiceOperationEndpoint(new(new ListTasksRequest { Cluster = "c" }));

        Assert.Equal("https://ecs.eu-west-1.amazonaws.com", endpoint.URL);
        Assert.Equal("https://ecs.cn-north-1.amazonaws.com.cn", new EcsClientConfig { RegionEndpoint = Amazon.RegionEndpoint.CNNorth1 }
            .DetermineServiceOperationEndpoint(new(new ListTasksRequest { Cluster = "c" })).URL);
    }

    /// <summary>Sets (or, with null, removes) environment variables and restores the previous values on dispose.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

        public EnvironmentScope(Dictionary<string, string?> values)
        {
            foreach (var (name, value) in values)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
