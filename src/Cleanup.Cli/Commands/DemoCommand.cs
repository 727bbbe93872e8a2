using System.Text;
using Cleanup.Cli.Demo;
using Cleanup.Emulator;
using Cleanup.Options;
using Cleanup.Report;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The README's "run it" command: an in-process emulator, a small fleet built the way containers and on-prem
/// servers build it, STOPPED events delivered to the real pipeline, and the registry before and after.
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

        await output.WriteLineAsync($"Emulator on {emulator.Url} (region {emulator.Options.Region}, account {emulator.Options.AccountId})");
        var web1 = await fleet.LaunchAsync("shells", "10.0.1.11", cancellationToken: cancellationToken);
        var web2 = await fleet.LaunchAsync("shells", "10.0.1.12", cancellationToken: cancellationToken);
        var web3 = await fleet.LaunchAsync("shells", "10.0.1.13", cancellationToken: cancellationToken);
        var early = await fleet.LaunchAsync("shells", "10.0.1.14", register: false, cancellationToken: cancellationToken);
        var batch = await fleet.LaunchAsync("legacy", "10.0.2.21", oldArnFormat: true, cancellationToken: cancellationToken);
        await fleet.RegisterForeignAsync("onprem-db-01", "192.168.10.5", new Dictionary<string, string> { ["team"] = "dba" }, cancellationToken);
        await output.WriteLineAsync("Fleet: 4 Fargate tasks in cluster 'shells' (one died before its agent registered), 1 task in 'legacy' (old ARN format), 1 on-prem server that is not ours.");

        clock.Advance(TimeSpan.FromMinutes(20));
        foreach (var live in new[] { web1, web2, web3, batch })
        {
            await live.Agent!.PingAsync(live.Ip, $"ip-{live.Ip.Replace('.', '-')}", cancellationToken);
        }

        var foreign = emulator.Ssm.Nodes().Where(n => n.Name == "onprem-db-01");
        await output.WriteLineAsync();
        await output.WriteLineAsync("BEFORE");
        await RegistryTable.WriteAsync(output, emulator);

        clock.Advance(TimeSpan.FromMinutes(1));
        var options = new CleanupOptions { Region = emulator.Options.Region, AccountId = emulator.Options.AccountId };
        var runner = new CleanupRunner(new Aws.SsmRegistry(ssm), options, clock, TextWriter.Null);
        var now = clock.GetUtcNow();
        var deliveries = new (string What, string Event)[]
        {
            ($"STOPPED  {Short(web1)}", fleet.StoppedEvent(web1, now)),
            ($"STOPPED  {Short(early)} (never registered)", fleet.StoppedEvent(early, now)),
            ($"STOPPED  {Short(batch)} (old ARN format)", fleet.StoppedEvent(batch, now)),
            ($"STOPPED  {Short(web1)} again (duplicate delivery)", fleet.StoppedEvent(web1, now)),
            ($"RUNNING  {Short(web2)}", fleet.RunningEvent(web2, now)),
        };
        await output.WriteLineAsync();
        await output.WriteLineAsync("EVENTS");
        var exit = ExitCodes.Ok;
        foreach (var (what, json) in deliveries)
        {
            var result = await runner.RunAsync(Encoding.UTF8.GetBytes(json), cancellationToken);
            await output.WriteLineAsync($"  {what,-52} -> {Names.Of(result.Status)}: {result.Message}");
            foreach (var item in result.Items.Where(i => i.Decision.Removes))
            {
                await output.WriteLineAsync($"      {Names.Of(item.Status),-13} {Names.Of(item.Decision.Kind),-10} {item.Decision.ResourceId} ({item.Decision.Reason})");
            }

            exit = Math.Max(exit, ExitCodes.Of(result.Status));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("AFTER");
        await RegistryTable.WriteAsync(output, emulator);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Kept: the running tasks' nodes ({Short(web2)}, {Short(web3)}) and the on-prem node ({string.Join(", ", foreign.Select(n => n.InstanceId))}).");
        await output.WriteLineAsync("Try it on your own events: `cleanup emulator` in one shell, `cleanup invoke events/task-stopped.json` in another.");
        return exit;
    }

    private static string Short(FleetTask task) => $"{task.ClusterName}/{task.TaskId[..8]}…";
}
