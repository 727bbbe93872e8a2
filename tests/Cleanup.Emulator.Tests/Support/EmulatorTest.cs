using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Cleanup.Emulator.Tests.Support;

/// <summary>A fresh emulator on a manual clock per test, with a real SDK client pointed at it.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private AwsEmulator? _emulator;
    private AmazonSimpleSystemsManagementClient? _ssm;

    protected ManualClock Clock { get; } = new(Start);

    protected AwsEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    protected AmazonSimpleSystemsManagementClient Ssm => _ssm ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = Clock });
        _ssm = NewClient(maxErrorRetry: 0);
    }

    public async Task DisposeAsync()
    {
        _ssm?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    protected AmazonSimpleSystemsManagementClient NewClient(int maxErrorRetry) =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = Emulator.Url.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
        });

    protected async Task<CreateActivationResponse> CreateActivationAsync(
        int limit = 1, string? name = "cleanup-task", string role = "SSMServiceRole", Dictionary<string, string>? tags = null, TimeSpan? expiresIn = null)
    {
        return await Ssm.CreateActivationAsync(new CreateActivationRequest
        {
            IamRole = role,
            DefaultInstanceName = name,
            RegistrationLimit = limit,
            ExpirationDate = expiresIn is { } e ? Clock.GetUtcNow().Add(e).UtcDateTime : null,
            Tags = tags?.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
        });
    }

    protected async Task<StubAgent> RegisterAgentAsync(CreateActivationResponse activation) =>
        await StubAgent.RegisterAsync(Emulator.Url, activation.ActivationId, activation.ActivationCode);

    /// <summary>Registers <paramref name="count"/> nodes through one activation, in order.</summary>
    protected async Task<List<StubAgent>> RegisterAgentsAsync(int count, Dictionary<string, string>? tags = null)
    {
        var activation = await CreateActivationAsync(limit: count, tags: tags);
        var agents = new List<StubAgent>();
        for (var i = 0; i < count; i++)
        {
            agents.Add(await RegisterAgentAsync(activation));
        }

        return agents;
    }

    protected async Task<List<InstanceInformation>> DescribeAllNodesAsync(DescribeInstanceInformationRequest request)
    {
        var all = new List<InstanceInformation>();
        do
        {
            var page = await Ssm.DescribeInstanceInformationAsync(request);
            all.AddRange(page.InstanceInformationList ?? []);
            request.NextToken = page.NextToken;
        }
        while (request.NextToken is not null);

        return all;
    }

    protected static InstanceInformationStringFilter Filter(string key, params string[] values) => new() { Key = key, Values = [.. values] };

    protected static async Task<AmazonServiceException> ThrowsAwsAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(call);
        Assert.Equal(code, error.ErrorCode);
        return error;
    }
}
