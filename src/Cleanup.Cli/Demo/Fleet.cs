using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator;
using Cleanup.Emulator.Ecs;
using Cleanup.Options;

namespace Cleanup.Cli.Demo;

/// <summary>A task as the container side leaves it: an owned activation and, once registered, a pinging node.</summary>
public sealed record FleetTask(string TaskArn, string ClusterArn, string ClusterName, string TaskId, string ActivationId, StubAgent? Agent, string Ip)
{
    public string? InstanceId => Agent?.InstanceId;
}

/// <summary>
/// Builds fleets in the emulator the way containers and on-prem servers do it in AWS: create-activation with the
/// real SDK client, then register and ping with the agent's own calls. Used by the demo and the tests.
/// </summary>
public sealed class Fleet(AwsEmulator emulator, IAmazonSimpleSystemsManagement ssm, string tagPrefix = CleanupOptions.DefaultTagPrefix)
{
    public const string HybridRole = "SSMServiceRole";

    private readonly OwnershipTags _tags = new(tagPrefix);

    public string Region => emulator.Options.Region;

    public string Account => emulator.Options.AccountId;

    public static AmazonSimpleSystemsManagementClient Client(AwsEmulator emulator, int maxErrorRetry = 4) =>
        new(new BasicAWSCredentials("test", "test"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = emulator.Url.ToString(),
            AuthenticationRegion = emulator.Options.Region,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = maxErrorRetry,
        });

    public string ClusterArn(string cluster) => $"arn:aws:ecs:{Region}:{Account}:cluster/{cluster}";

    /// <summary>Starts a task's SSM side: tagged activation, then (unless the task dies first) registration and a ping.</summary>
    public async Task<FleetTask> LaunchAsync(string cluster, string ip, bool register = true, bool oldArnFormat = false, CancellationToken cancellationToken = default)
    {
        var taskId = oldArnFormat ? Guid.NewGuid().ToString() : Guid.NewGuid().ToString("N");
        var taskArn = oldArnFormat
            ? $"arn:aws:ecs:{Region}:{Account}:task/{taskId}"
            : $"arn:aws:ecs:{Region}:{Account}:task/{cluster}/{taskId}";
        var clusterArn = ClusterArn(cluster);
        var tags = new Dictionary<string, string> { [_tags.TaskArnKey] = taskArn, [_tags.ClusterArnKey] = clusterArn };
        var (activationId, code) = await CreateActivationAsync(OwnershipTags.InstanceName(cluster, taskId), tags, cancellationToken);
        var agent = register ? await RegisterAsync(activationId, code, ip, cancellationToken) : null;
        return new FleetTask(taskArn, clusterArn, cluster, taskId, activationId, agent, ip);
    }

    /// <summary>
    /// Starts a real task in the emulator's ECS and gives it its SSM side, as the entrypoint script does once the
    /// task runs: the tags name the task ECS knows, so the sweep can ask ECS about it.
    /// </summary>
    public async Task<FleetTask> RunOnEcsAsync(string cluster, bool register = true, CancellationToken cancellationToken = default)
    {
        var task = emulator.Ecs.RunTask(new NewTask { Cluster = cluster });
        var clusterName = task.ClusterArn[(task.ClusterArn.LastIndexOf('/') + 1)..];
        var tags = new Dictionary<string, string> { [_tags.TaskArnKey] = task.TaskArn, [_tags.ClusterArnKey] = task.ClusterArn };
        var (activationId, code) = await CreateActivationAsync(OwnershipTags.InstanceName(clusterName, task.TaskId), tags, cancellationToken);
        var ip = task.PrivateIp ?? "10.0.0.1";
        var agent = register ? await RegisterAsync(activationId, code, ip, cancellationToken) : null;
        return new FleetTask(task.TaskArn, task.ClusterArn, clusterName, task.TaskId, activationId, agent, ip);
    }

    /// <summary>Pings from every registered node, as live agents do every few minutes.</summary>
    public static async Task PingAsync(IEnumerable<FleetTask> tasks, CancellationToken cancellationToken = default)
    {
        foreach (var task in tasks.Where(t => t.Agent is not null))
        {
            await task.Agent!.PingAsync(task.Ip, $"ip-{task.Ip.Replace('.', '-')}", cancellationToken);
        }
    }

    /// <summary>A node that is not ours: an on-prem server registered by hand, with whatever tags its owner chose.</summary>
    public async Task<StubAgent> RegisterForeignAsync(string name, string ip, IDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        var (activationId, code) = await CreateActivationAsync(name, tags ?? new Dictionary<string, string>(), cancellationToken);
        return await RegisterAsync(activationId, code, ip, cancellationToken);
    }

    public async Task<(string ActivationId, string Code)> CreateActivationAsync(string name, IDictionary<string, string> tags, CancellationToken cancellationToken = default, TimeSpan? validFor = null)
    {
        var response = await ssm.CreateActivationAsync(
            new CreateActivationRequest
            {
                IamRole = HybridRole,
                DefaultInstanceName = name,
                RegistrationLimit = 1,
                ExpirationDate = (emulator.Options.Clock.GetUtcNow() + (validFor ?? TimeSpan.FromHours(1))).UtcDateTime,
                Tags = [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
            },
            cancellationToken);
        return (response.ActivationId, response.ActivationCode);
    }

    public string StoppedEvent(FleetTask task, DateTimeOffset stoppedAt, long version = 6) =>
        TaskStateChangeEvent.Build(task.TaskArn, task.ClusterArn, "STOPPED", stoppedAt, version, Region, Account, task.Ip);

    public string RunningEvent(FleetTask task, DateTimeOffset at, long version = 3) =>
        TaskStateChangeEvent.Build(task.TaskArn, task.ClusterArn, "RUNNING", at, version, Region, Account, task.Ip);

    private async Task<StubAgent> RegisterAsync(string activationId, string code, string ip, CancellationToken cancellationToken)
    {
        var agent = await StubAgent.RegisterAsync(emulator.Url, activationId, code, cancellationToken);
        await agent.PingAsync(ip, $"ip-{ip.Replace('.', '-')}", cancellationToken);
        return agent;
    }
}
