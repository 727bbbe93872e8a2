using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Cleanup.Aws.Ecs;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;
using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The README's "run it" command: an in-process emulator (SSM and ECS), a small fleet built the way containers and
/// on-prem servers build it, the STOPPED events ECS emits delivered as one SQS batch to the real pipeline (with a
/// duplicate and a forged event for a running task), then a scheduled sweep for the task whose event was lost, and
/// the registry before and after.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        // A fixed clock makes the demo's times readable and the same on every run.
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Clock = clock }, cancellationToken);
        using var ssm = Fleet.Client(emulator);
        var fleet = new Fleet(emulator, ssm);

        await output.WriteLineAsync($"Emulator on {emulator.Url} (SSM and ECS; region {emulator.Options.Region}, account {emulator.Options.AccountId})");
        var web1 = await fleet.RunOnEcsAsync("shells", cancellationToken: cancellationToken);
        var web2 = await fleet.RunOnEcsAsync("shells", cancellationToken: cancellationToken);
        var web3 = await fleet.RunOnEcsAsync("shells", cancellationToken: cancellationToken);
        var early = await fleet.RunOnEcsAsync("shells", register: false, cancellationToken: cancellationToken);
        await fleet.RegisterForeignAsync("onprem-db-01", "192.168.10.5", new Dictionary<string, string> { ["team"] = "dba" }, cancellationToken);
        await output.WriteLineAsync("Fleet: 4 Fargate tasks in cluster 'shells' (one dies before its agent registers)");
        await output.WriteLineAsync("and 1 on-prem server that is not ours and is offline.");

        clock.Advance(TimeSpan.FromMinutes(20));
        await Fleet.PingAsync([web1, web2, web3], cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync("BEFORE");
        await RegistryTable.WriteAsync(output, emulator);

        emulator.Ecs.StopTask(web1.TaskArn);
        emulator.Ecs.StopTask(early.TaskArn, "EssentialContainerExited", "Essential container in task exited");
        emulator.Ecs.StopTask(web3.TaskArn);
        clock.Advance(TimeSpan.FromMinutes(1));
        // As deployed: sweeps take the stack's lease, within the default FunctionTimeout.
        var options = new CleanupOptions
        {
            Region = emulator.Options.Region,
            AccountId = emulator.Options.AccountId,
            SweepLease = "/cleanup/demo/sweep-lease",
            Timeout = TimeSpan.FromSeconds(60),
        };
        var ecs = EcsTaskDirectoryFactory.ForEndpoint(options, new BasicAWSCredentials("test", "test"), emulator.Url);
        var runner = new CleanupRunner(new Aws.SsmRegistry(ssm), ecs, options, clock, TextWriter.Null, new Aws.SsmLeaseStore(ssm));
        // The stack creates the lease parameter, free; a sweep never creates it.
        await ssm.PutParameterAsync(new() { Name = options.SweepLease, Type = "String", Value = Lease.LeaseRecord.Free.ToJson() }, cancellationToken);

        // What the EventBridge rule put in the queue, delivered as one batch the way the SQS event source mapping does.
        var messages = new List<(string What, string Event)>
        {
            ($"STOPPED  {Short(web1)}", Emitted(emulator, web1, "STOPPED")),
            ($"STOPPED  {Short(early)} (never registered)", Emitted(emulator, early, "STOPPED")),
            ($"STOPPED  {Short(web1)} again (duplicate delivery)", Emitted(emulator, web1, "STOPPED")),
            ($"STOPPED  {Short(web2)} (forged: sent by hand, the task runs)", fleet.StoppedEvent(web2, clock.GetUtcNow())),
        };
        await output.WriteLineAsync();
        await output.WriteLineAsync($"QUEUED EVENTS, one SQS batch (the STOPPED event of {Short(web3)} is lost on the way)");
        for (var i = 0; i < messages.Count; i++)
        {
            await output.WriteLineAsync($"  message {i + 1}: {messages[i].What}");
        }

        var batch = SqsBatch.Build(messages.Select((m, i) => ($"message-{i + 1}", m.Event)), emulator.Options.Region, emulator.Options.AccountId);
        var result = await runner.RunAsync(Encoding.UTF8.GetBytes(batch), cancellationToken);
        await WriteResultAsync(output, "batch", result);
        foreach (var task in result.Tasks)
        {
            await output.WriteLineAsync($"      task {task.TaskArn[(task.TaskArn.LastIndexOf('/') + 1)..][..8]}… ECS says {task.EcsState}: {task.Detail}");
        }

        await output.WriteLineAsync($"  handler's answer to the queue: {result.BatchResponse?.ToJson()}");
        var exit = result.BatchResponse is { BatchItemFailures.Count: > 0 } ? ExitCodes.Failed : ExitCodes.Ok;

        // An hour later nobody has pinged: web2's node is ConnectionLost too, but ECS says its task runs.
        clock.Advance(TimeSpan.FromHours(1));
        await output.WriteLineAsync();
        await output.WriteLineAsync("SWEEP (an hour later; every node is ConnectionLost by now; two sweeps start at once)");
        // A slow SSM makes the overlap certain: the second sweep reads the lease while the first one holds it.
        emulator.Faults.AddLatency("DescribeInstanceInformation", TimeSpan.FromMilliseconds(300));
        var sweeps = await Task.WhenAll(
            runner.RunAsync("""{"cleanup":"sweep"}"""u8.ToArray(), cancellationToken),
            Task.Delay(50, cancellationToken).ContinueWith(_ => runner.RunAsync("""{"cleanup":"sweep"}"""u8.ToArray(), cancellationToken), cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap());
        emulator.Faults.Clear();
        // Which one wins is a race (normally the first); the demo shows the winner's work, then the other.
        var sweep = sweeps[1].Status == RunStatus.Skipped ? sweeps[0] : sweeps[1];
        var skipped = ReferenceEquals(sweep, sweeps[0]) ? sweeps[1] : sweeps[0];
        await WriteResultAsync(output, "scheduled sweep", sweep);
        foreach (var kept in sweep.Items.Where(i => !i.Decision.Removes && i.Decision.Kind == Plan.ResourceKind.Node))
        {
            await output.WriteLineAsync($"      kept          node       {kept.Decision.ResourceId} ({kept.Decision.Reason})");
        }
        await output.WriteLineAsync($"  {"overlapping sweep",-52} -> {Names.Of(skipped.Status)}: {skipped.Message}");

        exit = Math.Max(exit, ExitCodes.Of(sweep.Status));
        await output.WriteLineAsync();
        await output.WriteLineAsync("AFTER");
        await RegistryTable.WriteAsync(output, emulator);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Kept: the running task's node ({Short(web2)}) and the on-prem node that is not ours.");
        // The emulator prints the export line the other shell needs; without it the CLI would talk to AWS itself.
        await output.WriteLineAsync("Next, on the sample events: run `cleanup emulator --seed demo` in one shell; in another, paste the `export ...` line");
        await output.WriteLineAsync("it prints, then `cleanup invoke events/sqs-batch.json` (a dry run). From a clone, `cleanup` is `dotnet run --project src/Cleanup.Cli --`.");
        return exit;
    }

    private static async Task WriteResultAsync(TextWriter output, string what, RunResult result)
    {
        await output.WriteLineAsync($"  {what,-52} -> {Names.Of(result.Status)}: {result.Message}");
        foreach (var item in result.Items.Where(i => i.Decision.Removes))
        {
            await output.WriteLineAsync($"      {Names.Of(item.Status),-13} {Names.Of(item.Decision.Kind),-10} {item.Decision.ResourceId} ({item.Decision.Reason})");
        }
    }

    // The event ECS emitted for the task reaching that status, as EventBridge would deliver it.
    private static string Emitted(AwsEmulator emulator, FleetTask task, string lastStatus) =>
        emulator.Ecs.Events().Last(e =>
        {
            var detail = JsonNode.Parse(e)!["detail"]!;
            return (string?)detail["taskArn"] == task.TaskArn && (string?)detail["lastStatus"] == lastStatus;
        });

    private static string Short(FleetTask task) => $"{task.ClusterName}/{task.TaskId[..8]}…";
}
