using Cleanup.Container.Tests.Support;

namespace Cleanup.Container.Tests;

/// <summary>
/// The happy path, end to end: the real script and the real AWS CLI against the emulator, identity from a fake
/// task metadata endpoint, a stub agent that registers and pings with the agent's own calls.
/// </summary>
public sealed class EntrypointLifecycleTests
{
    [EntrypointTheory]
    [InlineData("sh")]
    [InlineData("bash")]
    public async Task Start_CreatesAnOwnedActivation_RegistersAndPings_ThenSigtermIsForwarded_AndSsmIsLeftToCleanup(string shell)
    {
        await using var h = await EntrypointHarness.StartAsync();
        var before = DateTimeOffset.UtcNow;

        var (process, node) = await h.StartRegisteredAsync(shell);
        using var _ = process;

        // The activation carries the ownership convention, one registration, a one-hour life.
        var activation = Assert.Single(h.Emulator.Ssm.Activations());
        Assert.Equal(EntrypointHarness.TaskArn, activation.Tags["ssm-cleanup:task-arn"]);
        Assert.Equal(EntrypointHarness.ClusterArn, activation.Tags["ssm-cleanup:cluster-arn"]);
        Assert.Equal(2, activation.Tags.Count);
        Assert.Equal($"shells/{EntrypointHarness.TaskId}", activation.DefaultInstanceName);
        Assert.Equal(EntrypointHarness.HybridRole, activation.IamRole);
        Assert.Equal(1, activation.RegistrationLimit);
        Assert.Equal(1, activation.RegistrationsCount);
        Assert.InRange(activation.ExpirationDate, before.AddHours(1).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1).AddMinutes(1));

        // The node got the activation's tags and name, and the agent pinged.
        Assert.Equal(activation.ActivationId, node.ActivationId);
        Assert.Equal($"shells/{EntrypointHarness.TaskId}", node.Name);
        Assert.Equal(EntrypointHarness.TaskArn, node.Tags["ssm-cleanup:task-arn"]);
        Assert.Equal(EntrypointHarness.ClusterArn, node.Tags["ssm-cleanup:cluster-arn"]);
        Assert.NotNull(node.LastPingDateTime);
        Assert.Contains($"register id={activation.ActivationId} region=us-east-1 yes=true", h.AgentEvents, StringComparison.Ordinal);

        process.Signal("TERM");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(7, exit); // the app's own status on TERM
        Assert.Equal("TERM", h.AppSignal);
        // Self-clean is opt-in: by default the task role may not deregister or delete, and Cleanup removes both from
        // the task's STOPPED event.
        AssertNoSelfClean(h);
        Assert.Contains(h.Emulator.Ssm.Nodes(), n => n.InstanceId == node.InstanceId);
        Assert.Contains(h.Emulator.Ssm.Activations(), a => a.ActivationId == activation.ActivationId);
        Assert.Contains($"leaving node {node.InstanceId} and activation {activation.ActivationId} to Cleanup", process.StdErr, StringComparison.Ordinal);
        AssertSecretKept(h, process);
    }

    [EntrypointTheory]
    [InlineData("sh")]
    [InlineData("bash")]
    public async Task SelfCleanOptIn_SigtermDeregistersTheNode_DeletesTheActivation_AndForwardsTheSignal(string shell)
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["SSM_ENTRYPOINT_SELF_CLEAN"] = "true";

        var (process, node) = await h.StartRegisteredAsync(shell);
        using var _ = process;
        process.Signal("TERM");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(7, exit);
        Assert.Equal("TERM", h.AppSignal);
        Assert.Equal(1, h.Emulator.Calls.Succeeded("DeregisterManagedInstance"));
        Assert.Equal(1, h.Emulator.Calls.Succeeded("DeleteActivation"));
        Assert.Empty(h.Emulator.Ssm.Nodes());
        Assert.Empty(h.Emulator.Ssm.Activations());
        Assert.Contains($"deregistered {node.InstanceId}", process.StdErr, StringComparison.Ordinal);
        AssertSecretKept(h, process);
    }

    [EntrypointFact]
    public async Task TracedWithShX_TheActivationCodeAppearsNowhere()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["SSM_ENTRYPOINT_SELF_CLEAN"] = "true"; // trace the stop's SSM calls too

        var (process, _) = await h.StartRegisteredAsync("sh", "-x");
        using var __ = process;
        process.Signal("TERM");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(7, exit);
        Assert.Contains("+ ", process.StdErr, StringComparison.Ordinal); // the trace is really on
        // Creation and registration run untraced (the code exists only there); the rest is traced as usual.
        Assert.Contains("+ register", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("activation ", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("deregister-managed-instance", process.StdErr, StringComparison.Ordinal);
        AssertSecretKept(h, process);
    }

    [EntrypointFact]
    public async Task Sigint_IsForwarded_AndSsmIsLeftToCleanup()
    {
        await using var h = await EntrypointHarness.StartAsync();

        var (process, _) = await h.StartRegisteredAsync();
        using var __ = process;
        process.Signal("INT");
        var exit = await process.WaitForExitAsync();

        // dash starts background commands with SIGINT ignored (a child shell cannot even trap it), so the script
        // sends SIGTERM to such a command rather than a signal it would never see.
        Assert.NotNull(h.AppSignal);
        Assert.Equal(h.AppSignal == "INT" ? 8 : 7, exit);
        AssertNoSelfClean(h);
        Assert.Single(h.Emulator.Ssm.Nodes());
        Assert.Single(h.Emulator.Ssm.Activations());
    }

    [EntrypointFact]
    public async Task CommandEndsOnItsOwn_ItsStatusIsTheExitStatus_AndSsmIsLeftToCleanup()
    {
        await using var h = await EntrypointHarness.StartAsync();

        using var process = h.Start(appArgument: "exit3");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(3, exit);
        Assert.True(h.AppStarted);
        Assert.Equal(1, h.Emulator.Calls.Succeeded("RegisterManagedInstance"));
        AssertNoSelfClean(h);
        Assert.Single(h.Emulator.Ssm.Nodes());
        Assert.Single(h.Emulator.Ssm.Activations());
        Assert.Contains("to Cleanup (SSM_ENTRYPOINT_SELF_CLEAN is off)", process.StdErr, StringComparison.Ordinal);
        AssertSecretKept(h, process);
    }

    [EntrypointFact]
    public async Task SelfCleanOptIn_CommandEndsOnItsOwn_SsmIsLeft_AndItsStatusIsTheExitStatus()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["SSM_ENTRYPOINT_SELF_CLEAN"] = "true";

        using var process = h.Start(appArgument: "exit3");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(3, exit);
        Assert.True(h.AppStarted);
        Assert.Equal(1, h.Emulator.Calls.Succeeded("RegisterManagedInstance"));
        Assert.Equal(1, h.Emulator.Calls.Succeeded("DeregisterManagedInstance"));
        Assert.Equal(1, h.Emulator.Calls.Succeeded("DeleteActivation"));
        Assert.Empty(h.Emulator.Ssm.Nodes());
        Assert.Empty(h.Emulator.Ssm.Activations());
        AssertSecretKept(h, process);
    }

    /// <summary>The script made neither of the self-clean calls (it has no right to without SelfCleanPolicy).</summary>
    internal static void AssertNoSelfClean(EntrypointHarness h)
    {
        Assert.Equal(0, h.Emulator.Calls.Count("DeregisterManagedInstance"));
        Assert.Equal(0, h.Emulator.Calls.Count("DeleteActivation"));
    }

    /// <summary>The code the agent got is real, and it is in no output and not in the command's environment.</summary>
    internal static void AssertSecretKept(EntrypointHarness h, EntrypointProcess process)
    {
        var code = h.ActivationCode;
        Assert.False(string.IsNullOrEmpty(code), "the stub agent never received an activation code");
        Assert.True(code.Length >= 20, "activation codes are at least 20 characters");
        Assert.DoesNotContain(code, process.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(code, process.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(code, h.AppEnvironment ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(code, h.AgentEvents, StringComparison.Ordinal);
    }
}
