using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Cleanup.Aws;
using Cleanup.Aws.Ecs;
using Cleanup.Cli.Demo;
using Cleanup.Execute;
using Cleanup.Report;
using Cleanup.Tests.Support;

namespace Cleanup.Tests;

/// <summary>Every run leaves a record: a call that times out or a bug mid-run still ends in a logged, failed result.</summary>
public class RunRecordTests
{
    [Fact]
    public async Task SdkTimeoutDuringDeleteActivation_FailsThatItemOnly_AndEveryDecisionIsLogged()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var tasks = new List<FleetTask>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add(await h.Fleet.RunOnEcsAsync("shells"));
        }

        var events = tasks.Select(h.StoppedEventAfterGrace).ToList();
        // Longer than the client's own timeout: the SDK gives up and reports a cancellation nobody asked for.
        h.Emulator.Faults.AddLatency("DeleteActivation", TimeSpan.FromSeconds(6));
        using var impatient = new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("test", "test"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = h.Emulator.Url.ToString(),
            AuthenticationRegion = h.Emulator.Options.Region,
            Timeout = TimeSpan.FromSeconds(2),
            MaxErrorRetry = 0,
        });
        // A first call pays for JIT and the connection; only the slow deletion may hit the client's timeout.
        await impatient.DescribeActivationsAsync(new Amazon.SimpleSystemsManagement.Model.DescribeActivationsRequest());
        var ecs = EcsTaskDirectoryFactory.ForEndpoint(h.Options, new BasicAWSCredentials("test", "test"), h.Emulator.Url);
        var runner = new CleanupRunner(new SsmRegistry(impatient), ecs, h.Options, h.Clock, h.Log);

        var result = await runner.RunAsync(Encoding.UTF8.GetBytes(SqsBatch.Build([.. events])));

        Assert.True(result.Count(OutcomeStatus.Removed, Cleanup.Plan.ResourceKind.Node) == 3, result.Message + string.Join(";", result.Items.Select(i => $"{i.Decision.Kind} {i.Status} {i.ErrorCode}")));
        Assert.Equal(3, result.Count(OutcomeStatus.Failed));
        Assert.All(result.Items.Where(i => i.Status == OutcomeStatus.Failed), i => Assert.Equal("Timeout", i.ErrorCode));
        Assert.Equal(3, result.BatchResponse!.ItemIdentifiers.Count);
        var decisions = h.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!)
            .Where(l => (string?)l["message"] == "decision")
            .ToList();
        Assert.Equal(6, decisions.Count);
        Assert.All(tasks, t => Assert.False(h.HasNode(t.InstanceId)));
    }

    [Fact]
    public async Task CancelledRun_IsAFailedRunThatKeepsWhatWasDone()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var task = await h.Fleet.RunOnEcsAsync("shells");
        var stopped = h.StoppedEventAfterGrace(task);
        using var cancel = new CancellationTokenSource();
        // The node goes first; the activation's deletion is still in flight when the run is cancelled.
        h.Emulator.Faults.AddLatency("DeleteActivation", TimeSpan.FromSeconds(10));
        cancel.CancelAfter(TimeSpan.FromSeconds(4));

        var result = await h.Runner().RunAsync(Encoding.UTF8.GetBytes(stopped), cancel.Token);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("cancelled", result.Message, StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.Removed, Assert.Single(result.Items).Status);
        Assert.False(h.HasNode(task.InstanceId));
        Assert.Contains("\"status\":\"failed\"", h.Log.ToString(), StringComparison.Ordinal);
    }
}
