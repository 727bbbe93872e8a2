using Cleanup.Container.Tests.Support;

namespace Cleanup.Container.Tests;

/// <summary>SSM failures, the switches, and configuration errors.</summary>
public sealed class EntrypointFailureTests
{
    [EntrypointFact]
    public async Task CreateActivationKeepsFailing_TheCommandStartsAnyway()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Emulator.Faults.FailNext("CreateActivation", 10, 500, "InternalServerError");
        h.Env["SSM_ENTRYPOINT_ATTEMPTS"] = "2";

        using var process = h.Start(appArgument: "exit0");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(0, exit);
        Assert.True(h.AppStarted);
        Assert.Equal(2, h.Emulator.Calls.Count("CreateActivation")); // retried once, then gave up
        Assert.Contains("create-activation failed after 2 attempt(s)", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("InternalServerError", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("starting the command without a Session Manager shell", process.StdErr, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Ssm.Activations());
    }

    [EntrypointFact]
    public async Task CreateActivationFails_WhenRequired_TheCommandDoesNotStart()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Emulator.Faults.FailNext("CreateActivation", 10, 400, "AccessDeniedException");
        h.Env["SSM_ENTRYPOINT_REQUIRED"] = "true";

        using var process = h.Start();
        var exit = await process.WaitForExitAsync();

        Assert.Equal(1, exit);
        Assert.False(h.AppStarted);
        Assert.Equal(1, h.Emulator.Calls.Count("CreateActivation")); // access denied is not retried
        Assert.Contains("SSM_ENTRYPOINT_REQUIRED=true: not starting the command", process.StdErr, StringComparison.Ordinal);
    }

    [EntrypointFact]
    public async Task Throttled_IsRetriedWithBackoff_ThenRegisters()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Emulator.Faults.FailNext("CreateActivation", 2, 400, "ThrottlingException");

        var (process, node) = await h.StartRegisteredAsync();
        using var _ = process;

        Assert.Equal(3, h.Emulator.Calls.Count("CreateActivation"));
        Assert.Equal(1, h.Emulator.Calls.Succeeded("CreateActivation"));
        Assert.Contains("retrying in", process.StdErr, StringComparison.Ordinal);
        process.Signal("TERM");
        Assert.Equal(7, await process.WaitForExitAsync());
        Assert.Contains(h.Emulator.Ssm.Nodes(), n => n.InstanceId == node.InstanceId); // left to Cleanup
    }

    [EntrypointTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RegistrationRefused_AgentOutputIsRedacted_CommandStarts_TheActivationIsDeletedOnlyWithSelfClean(bool selfClean)
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Emulator.Faults.FailNext("RegisterManagedInstance", 1, 400, "InvalidActivation");
        h.Env["SSM_ENTRYPOINT_SELF_CLEAN"] = selfClean ? "true" : null;

        using var process = h.Start(appArgument: "exit0");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(0, exit);
        Assert.True(h.AppStarted);
        Assert.Empty(h.Emulator.Ssm.Nodes());
        // Without self-clean the unused activation stays until it expires or Cleanup deletes it.
        Assert.Equal(selfClean ? 0 : 1, h.Emulator.Ssm.Activations().Count);
        Assert.Equal(selfClean ? 1 : 0, h.Emulator.Calls.Count("DeleteActivation"));
        // The stub prints the code on failure, as a careless agent might; the script passes it on redacted.
        Assert.Contains("amazon-ssm-agent -register failed (exit 1)", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("with code ***", process.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, h.Emulator.Calls.Count("UpdateInstanceInformation")); // the agent was not started
        EntrypointLifecycleTests.AssertSecretKept(h, process);
    }

    [EntrypointFact]
    public async Task DeregistrationKeepsFailing_TheStopStaysWithinItsBudget()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["SSM_ENTRYPOINT_SELF_CLEAN"] = "true";
        // Room for two attempts even on a loaded machine, where each AWS CLI v1 start alone can take two seconds.
        h.Env["SSM_ENTRYPOINT_STOP_BUDGET_SECONDS"] = "10";
        var (process, node) = await h.StartRegisteredAsync();
        using var _ = process;
        h.Emulator.Faults.FailNext("DeregisterManagedInstance", 100, 500, "InternalServerError");

        var stopping = DateTime.UtcNow;
        process.Signal("TERM");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(7, exit);
        Assert.Equal("TERM", h.AppSignal);
        Assert.InRange(DateTime.UtcNow - stopping, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.True(h.Emulator.Calls.Count("DeregisterManagedInstance") >= 2, "deregistration is retried within the budget");
        Assert.Contains(h.Emulator.Ssm.Nodes(), n => n.InstanceId == node.InstanceId); // left for Cleanup
    }

    [EntrypointFact]
    public async Task Disabled_RunsTheCommandOnly()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["SSM_ENTRYPOINT_DISABLED"] = "true";
        h.Env["SSM_ENTRYPOINT_IAM_ROLE"] = null;
        h.Env["ECS_CONTAINER_METADATA_URI_V4"] = null;

        using var process = h.Start(appArgument: "exit5");
        var exit = await process.WaitForExitAsync();

        Assert.Equal(5, exit);
        Assert.True(h.AppStarted);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.Equal(0, h.Metadata.Requests);
        Assert.Equal(string.Empty, process.StdErr);
        Assert.Equal("app: started\n", process.StdOut);
    }

    [EntrypointFact]
    public async Task NoIdentity_FailsClearly_AndStartsNothing()
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env["ECS_CONTAINER_METADATA_URI_V4"] = null;
        h.Env["SSM_ENTRYPOINT_REQUIRED"] = "false"; // a configuration error stops the container all the same

        using var process = h.Start();
        var exit = await process.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.False(h.AppStarted);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.Contains("no task identity", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("ECS_CONTAINER_METADATA_URI_V4", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("SSM_ENTRYPOINT_TASK_ARN", process.StdErr, StringComparison.Ordinal);
        Assert.Contains("SSM_ENTRYPOINT_DISABLED=true", process.StdErr, StringComparison.Ordinal);
    }

    [EntrypointTheory]
    [InlineData("SSM_ENTRYPOINT_IAM_ROLE", null, "SSM_ENTRYPOINT_IAM_ROLE is not set")]
    [InlineData("SSM_ENTRYPOINT_EXPIRY_SECONDS", "59", "SSM_ENTRYPOINT_EXPIRY_SECONDS must be a whole number from 60 to 2592000")]
    [InlineData("SSM_ENTRYPOINT_TAG_PREFIX", "aws:x", "SSM_ENTRYPOINT_TAG_PREFIX must be")]
    [InlineData("SSM_ENTRYPOINT_REQUIRED", "maybe", "SSM_ENTRYPOINT_REQUIRED must be true or false")]
    [InlineData("SSM_ENTRYPOINT_SELF_CLEAN", "maybe", "SSM_ENTRYPOINT_SELF_CLEAN must be true or false")]
    public async Task BadSetting_FailsClearly_AndStartsNothing(string name, string? value, string message)
    {
        await using var h = await EntrypointHarness.StartAsync();
        h.Env[name] = value;

        using var process = h.Start();
        var exit = await process.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.False(h.AppStarted);
        Assert.Empty(h.Emulator.Calls.All());
        Assert.Contains(message, process.StdErr, StringComparison.Ordinal);
    }
}
