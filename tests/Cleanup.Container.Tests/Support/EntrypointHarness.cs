using System.Diagnostics;
using Cleanup.Emulator;

namespace Cleanup.Container.Tests.Support;

/// <summary>
/// One "container" per test: an emulator, a fake metadata endpoint, a temporary root with the stub agent on PATH
/// and the user's command (app.sh), and the environment a task would give the entrypoint. Tests adjust
/// <see cref="Env"/> (null removes a variable) and then <see cref="Start"/> the script.
/// </summary>
public sealed class EntrypointHarness : IAsyncDisposable
{
    public const string TaskId = "5a7c9e1f0b3d4f6a8c2e4b6d8f0a1c3e";
    public const string ClusterArn = $"arn:aws:ecs:{MetadataServer.Region}:{MetadataServer.Account}:cluster/shells";
    public const string TaskArn = $"arn:aws:ecs:{MetadataServer.Region}:{MetadataServer.Account}:task/shells/{TaskId}";
    public const string HybridRole = "SSMHybridContainerRole";

    private static readonly string _app = """
        #!/bin/sh
        # The user's command: records that it started and its environment, then runs until a signal (or exits
        # at once with the status given as $1).
        env >"$APP_DIR/app-env"
        echo "app: started"
        echo started >"$APP_DIR/app-started"
        case ${1:-} in
          exit*) exit "${1#exit}" ;;
        esac
        trap 'echo TERM >"$APP_DIR/app-signal"; exit 7' TERM
        trap 'echo INT >"$APP_DIR/app-signal"; exit 8' INT
        while :; do sleep 0.1; done
        """;

    private EntrypointHarness(AwsEmulator emulator, MetadataServer metadata, string root)
    {
        Emulator = emulator;
        Metadata = metadata;
        Root = root;
        var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        Install(Repo.Path("tests/Cleanup.Container.Tests/Stubs/amazon-ssm-agent"), Path.Combine(bin, "amazon-ssm-agent"));
        File.WriteAllText(Path.Combine(root, "app.sh"), _app.ReplaceLineEndings("\n") + "\n");
        var missing = Path.Combine(root, "no-such-aws-config");
        Env = new Dictionary<string, string?>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["HOME"] = Directory.CreateDirectory(Path.Combine(root, "home")).FullName,
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
            ["AWS_CONFIG_FILE"] = missing,
            ["AWS_SHARED_CREDENTIALS_FILE"] = missing,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_PAGER"] = string.Empty,
            ["AWS_REGION"] = MetadataServer.Region,
            ["AWS_ENDPOINT_URL"] = emulator.Url.ToString(),
            ["ECS_CONTAINER_METADATA_URI_V4"] = metadata.Uri.ToString(),
            ["SSM_ENTRYPOINT_IAM_ROLE"] = HybridRole,
            ["SSM_ENTRYPOINT_REGISTRATION_FILE"] = RegistrationFile,
            ["STUB_AGENT_LOG"] = AgentLog,
            ["STUB_AGENT_CODE_FILE"] = Path.Combine(root, "code-given-to-agent"),
            ["APP_DIR"] = root,
        };
    }

    public AwsEmulator Emulator { get; }

    public MetadataServer Metadata { get; }

    /// <summary>The container's file system root for this test (a temporary directory).</summary>
    public string Root { get; }

    public Dictionary<string, string?> Env { get; }

    public string RegistrationFile => Path.Combine(Root, "var/lib/amazon/ssm/registration");

    public string AgentLog => Path.Combine(Root, "agent.log");

    public bool AppStarted => File.Exists(Path.Combine(Root, "app-started"));

    /// <summary>The signal the app received ("TERM" or "INT"), or null.</summary>
    public string? AppSignal => ReadOrNull("app-signal")?.Trim();

    public string? AppEnvironment => ReadOrNull("app-env");

    /// <summary>The activation code exactly as the entrypoint handed it to the (stub) agent: the secret to look for.</summary>
    public string? ActivationCode => ReadOrNull("code-given-to-agent");

    public string AgentEvents => ReadOrNull("agent.log") ?? string.Empty;

    public static async Task<EntrypointHarness> StartAsync(string? taskJson = null)
    {
        var emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Region = MetadataServer.Region, AccountId = MetadataServer.Account });
        var metadata = await MetadataServer.StartAsync(taskJson ?? MetadataServer.Task(TaskArn, ClusterArn));
        var root = Directory.CreateTempSubdirectory("ssm-entrypoint-test-").FullName;
        return new EntrypointHarness(emulator, metadata, root);
    }

    /// <summary>Starts <c>shell [shellOptions] ssm-entrypoint.sh sh app.sh [appArgument]</c>.</summary>
    public EntrypointProcess Start(string shell = "sh", string? appArgument = null, params string[] shellOptions)
    {
        var start = new ProcessStartInfo(shell)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var option in shellOptions)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add(Repo.Entrypoint);
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(Path.Combine(Root, "app.sh"));
        if (appArgument is not null)
        {
            start.ArgumentList.Add(appArgument);
        }

        // Nothing of the developer's (or CI's) own AWS, ECS or entrypoint settings may leak in.
        foreach (var name in start.Environment.Keys
            .Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("SSM_ENTRYPOINT_", StringComparison.Ordinal)
                || k.StartsWith("ECS_", StringComparison.Ordinal) || k.StartsWith("STUB_", StringComparison.Ordinal))
            .ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in Env)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return EntrypointProcess.Start(start);
    }

    /// <summary>Starts the script and waits until the app runs and the node has registered and pinged.</summary>
    public async Task<(EntrypointProcess Process, EmulatedNode Node)> StartRegisteredAsync(string shell = "sh", params string[] shellOptions)
    {
        var process = Start(shell, null, shellOptions);
        await process.WaitUntilAsync(() => AppStarted && Emulator.Ssm.Nodes().Any(n => n.LastPingDateTime is not null), "the app to start and the node to ping");
        return (process, Emulator.Ssm.Nodes().Single());
    }

    public async ValueTask DisposeAsync()
    {
        await Metadata.DisposeAsync();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling child may still hold a file; the temp folder is cleaned up by the OS eventually.
        }
    }

    private static void Install(string source, string target)
    {
        File.Copy(source, target);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string? ReadOrNull(string name)
    {
        var path = Path.Combine(Root, name);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
