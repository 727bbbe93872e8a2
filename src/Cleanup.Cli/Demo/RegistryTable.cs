using Cleanup.Emulator;

namespace Cleanup.Cli.Demo;

/// <summary>Prints the emulator's registry as two readable tables: nodes, then activations.</summary>
public static class RegistryTable
{
    public static async Task WriteAsync(TextWriter output, AwsEmulator emulator)
    {
        var now = emulator.Options.Clock.GetUtcNow();
        await output.WriteLineAsync($"  {"NODE",-20} {"NAME",-44} {"PING",-15} {"IP",-14} OWNER TAG (ssm-cleanup:task-arn)");
        foreach (var node in emulator.Ssm.Nodes().OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            var ping = node.LastPingDateTime is { } last && now - last <= emulator.Options.ConnectionLostAfter ? "Online" : "ConnectionLost";
            var owner = node.Tags.TryGetValue("ssm-cleanup:task-arn", out var arn) ? Tail(arn) : "(none: not ours)";
            await output.WriteLineAsync($"  {node.InstanceId,-20} {Cut(node.Name, 44),-44} {ping,-15} {node.IPAddress,-14} {owner}");
        }

        await output.WriteLineAsync($"  {"ACTIVATION",-38} {"NAME",-44} {"USED",-5} OWNED");
        foreach (var activation in emulator.Ssm.Activations().OrderBy(a => a.DefaultInstanceName, StringComparer.Ordinal))
        {
            var owned = activation.Tags.ContainsKey("ssm-cleanup:task-arn") ? "yes" : "no";
            await output.WriteLineAsync($"  {activation.ActivationId,-38} {Cut(activation.DefaultInstanceName, 44),-44} {activation.RegistrationsCount}/{activation.RegistrationLimit,-3} {owned}");
        }
    }

    private static string Tail(string arn) => arn[(arn.IndexOf(":task/", StringComparison.Ordinal) + 1)..];

    private static string Cut(string? text, int width) =>
        text is null ? "-" : text.Length <= width ? text : text[..(width - 1)] + "…";
}
