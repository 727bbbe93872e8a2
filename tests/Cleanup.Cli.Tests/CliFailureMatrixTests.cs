using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cleanup.Cli;
using Cleanup.Tests.Support;

namespace Cleanup.Tests.Cli;

/// <summary>
/// `cleanup` against every odd input, environment and AWS answer we could think of: each ends with its documented
/// exit code and one line on stderr saying what failed and what to do, never a .NET stack trace. The cases run as
/// child processes, a few at a time, so the whole table takes seconds per core rather than a minute.
/// </summary>
public sealed class CliFailureMatrixTests : IAsyncLifetime
{
    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private const string Unreachable = "http://127.0.0.1:9";

    private readonly string _dir = Directory.CreateTempSubdirectory("cleanup-cli-matrix-").FullName;
    private readonly List<ScriptedHttpServer> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One row: what the CLI is given, the exit it must end with, and words its error line must hold.</summary>
    private sealed record Case(string Name, int Exit, string[] Args, Dictionary<string, string?> Environment, string Says)
    {
        /// <summary>Only the error line on stderr (no banner, no run log): the failure came before any SSM or ECS call.</summary>
        public bool OnlyLine { get; init; } = true;

        public Func<Process, Task>? During { get; init; }
    }

    [Fact]
    public async Task EveryOddInputEnvironmentAndAwsAnswer_EndsWithItsExitCodeAndOneLine_NeverAStackTrace()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var cases = await CasesAsync(h);
        Assert.True(cases.Count >= 40, $"{cases.Count} cases");

        using var gate = new SemaphoreSlim(4);
        var outcomes = await Task.WhenAll(cases.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                return (Case: c, Result: await CliProcess.RunAsync(CliProcess.Prepare(c.Environment, c.Args), c.During, TimeSpan.FromSeconds(60)));
            }
            finally
            {
                gate.Release();
            }
        }));

        var problems = outcomes.SelectMany(o => Problems(o.Case, o.Result)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    private static IEnumerable<string> Problems(Case c, (int Exit, string Stdout, string Stderr) result)
    {
        var (exit, stdout, stderr) = result;
        var shown = $"[{c.Name}] exit {exit}\nstdout: {Trim(stdout)}\nstderr: {Trim(stderr)}";
        if (exit != c.Exit)
        {
            yield return $"expected exit {c.Exit}; {shown}";
        }

        foreach (var output in (string[])[stdout, stderr])
        {
            if (output.Contains("   at ", StringComparison.Ordinal) || output.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase)
                || output.Contains("--- End of", StringComparison.Ordinal) || output.Contains("Exception:", StringComparison.Ordinal))
            {
                yield return $"a stack trace or exception dump; {shown}";
            }
        }

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (c.OnlyLine && lines.Length != 1)
        {
            yield return $"stderr must be exactly one line; {shown}";
        }

        // The error is the last line; before it, a run may have printed its banner and JSON log lines.
        var last = lines.LastOrDefault() ?? string.Empty;
        if (c.Exit != ExitCodes.Ok && (last.StartsWith('{') || !last.Contains(c.Says, StringComparison.Ordinal)))
        {
            yield return $"the error line must say '{c.Says}'; {shown}";
        }
    }

    private static string Trim(string text) => text.Length <= 1500 ? text : text[..1500] + "…";

    private async Task<List<Case>> CasesAsync(EmulatorHarness h)
    {
        var cases = new List<Case>();
        cases.AddRange(StsCases());
        cases.AddRange(EndpointAndOptionCases());
        cases.AddRange(CredentialAndConfigCases());
        cases.AddRange(InputCases());
        cases.AddRange(await RunCasesAsync(h));
        return cases;
    }

    // sts:GetCallerIdentity answers, each from a scripted endpoint: nothing else is reached (SSM/ECS go nowhere).
    private IEnumerable<Case> StsCases()
    {
        Case Sts(string name, int exit, int status, string contentType, string body, string says, string command = "sweep")
        {
            var server = ScriptedHttpServer.Start(status, contentType, body);
            _servers.Add(server);
            var environment = Aws();
            environment["AWS_ENDPOINT_URL"] = Unreachable;
            environment["AWS_ENDPOINT_URL_STS"] = server.Url;
            string[] args = command == "sweep" ? ["sweep"] : ["invoke", Repo.Path("events/task-stopped.json")];
            return new Case(name, exit, args, environment, says);
        }

        const string Xml = "text/xml";
        yield return Sts("sts 400 Throttling", ExitCodes.Failed, 400, Xml, StsError("Throttling", "Rate exceeded"), "sts:GetCallerIdentity failed: AWS throttled");
        yield return Sts("sts 400 ThrottlingException", ExitCodes.Failed, 400, Xml, StsError("ThrottlingException", "Rate exceeded"), "try again");
        yield return Sts("sts 400 Throttling (invoke)", ExitCodes.Failed, 400, Xml, StsError("Throttling", "Rate exceeded"), "sts:GetCallerIdentity", "invoke");
        yield return Sts("sts 403 AccessDenied", ExitCodes.PermissionDenied, 403, Xml, StsError("AccessDenied", "not authorized"), "sts:GetCallerIdentity failed: AWS denied");
        yield return Sts("sts 400 ExpiredToken", ExitCodes.Credentials, 400, Xml, StsError("ExpiredToken", "The security token included in the request is expired"), "sts:GetCallerIdentity failed: AWS refused the credentials");
        yield return Sts("sts 403 InvalidClientTokenId", ExitCodes.Credentials, 403, Xml, StsError("InvalidClientTokenId", "invalid"), "AWS refused the credentials");
        yield return Sts("sts 403 SignatureDoesNotMatch", ExitCodes.Credentials, 403, Xml, StsError("SignatureDoesNotMatch", "bad signature"), "AWS refused the credentials");
        yield return Sts("sts 403 RegionDisabledException", ExitCodes.Region, 403, Xml, StsError("RegionDisabledException", "STS is not activated"), "--region");
        yield return Sts("sts 400 unknown code", ExitCodes.Failed, 400, Xml, StsError("SomethingNew", "what"), "sts:GetCallerIdentity failed");
        yield return Sts("sts 500 InternalFailure", ExitCodes.Failed, 500, Xml, StsError("InternalFailure", "oops"), "try again");
        yield return Sts("sts 503 HTML body", ExitCodes.Failed, 503, "text/html", "<html><body><h1>503 Service Unavailable</h1>\n<p>upstream</p></body></html>", "try again");
        yield return Sts("sts 502 empty body", ExitCodes.Failed, 502, Xml, string.Empty, "sts:GetCallerIdentity failed");
        yield return Sts("sts 200 empty body", ExitCodes.Failed, 200, Xml, string.Empty, "sts:GetCallerIdentity failed");
        yield return Sts("sts 200 garbage", ExitCodes.Failed, 200, Xml, "\u0001\u0002 not xml at all", "sts:GetCallerIdentity failed");
        yield return Sts("sts 200 HTML", ExitCodes.Failed, 200, "text/html", "<html><body>captive portal</body></html>", "sts:GetCallerIdentity failed");
        yield return Sts("sts 200 JSON", ExitCodes.Failed, 200, "application/json", """{"Account":"123456789012"}""", "sts:GetCallerIdentity failed");
        yield return Sts("sts 200 without Account", ExitCodes.Failed, 200, Xml, Identity(null), "no account");
        yield return Sts("sts 200 empty Account", ExitCodes.Failed, 200, Xml, Identity(string.Empty), "12-digit");
        yield return Sts("sts 200 13-digit Account", ExitCodes.Failed, 200, Xml, Identity("1234567890123"), "'1234567890123'");
        yield return Sts("sts 200 11-digit Account", ExitCodes.Failed, 200, Xml, Identity("12345678901"), "12-digit");
        yield return Sts("sts 200 letters in Account", ExitCodes.Failed, 200, Xml, Identity("12345678901a"), "12-digit");
        yield return Sts("sts 200 Account with a newline", ExitCodes.Failed, 200, Xml, Identity("123456789012&#10;"), "12-digit");
    }

    private static IEnumerable<Case> EndpointAndOptionCases()
    {
        Case With(string name, int exit, string says, params (string Name, string Value)[] variables)
        {
            var environment = Aws();
            foreach (var (variable, value) in variables)
            {
                environment[variable] = value;
            }

            return new Case(name, exit, ["sweep"], environment, says);
        }

        yield return With("AWS_ENDPOINT_URL_ECS not a URL", ExitCodes.Invalid, "AWS_ENDPOINT_URL_ECS", ("AWS_ENDPOINT_URL_ECS", "notaurl"), ("CLEANUP_ACCOUNT_ID", "123456789012"));
        yield return With("AWS_ENDPOINT_URL_SSM not a URL", ExitCodes.Invalid, "AWS_ENDPOINT_URL_SSM", ("AWS_ENDPOINT_URL_SSM", "::::"), ("CLEANUP_ACCOUNT_ID", "123456789012"));
        yield return With("AWS_ENDPOINT_URL not a URL", ExitCodes.Invalid, "AWS_ENDPOINT_URL", ("AWS_ENDPOINT_URL", "not a url"));
        yield return With("AWS_ENDPOINT_URL_STS without host", ExitCodes.Invalid, "AWS_ENDPOINT_URL_STS", ("AWS_ENDPOINT_URL_STS", "http://"));
        yield return With("AWS_ENDPOINT_URL ftp", ExitCodes.Invalid, "AWS_ENDPOINT_URL", ("AWS_ENDPOINT_URL", "ftp://example.com"));
        yield return With("AWS_ENDPOINT_URL unreachable", ExitCodes.Network, "sts:GetCallerIdentity failed: AWS could not be reached", ("AWS_ENDPOINT_URL", Unreachable));
        yield return With("CLEANUP_ACCOUNT_ID 13 digits", ExitCodes.Invalid, "CLEANUP_ACCOUNT_ID", ("CLEANUP_ACCOUNT_ID", "1234567890123"));
        yield return With("CLEANUP_ACCOUNT_ID letters", ExitCodes.Invalid, "CLEANUP_ACCOUNT_ID", ("CLEANUP_ACCOUNT_ID", "acct"));
        yield return With("AWS_REGION malformed", ExitCodes.Invalid, "AWS_REGION", ("AWS_REGION", "us east 1"));
        yield return With("no region", ExitCodes.Region, "no AWS region", ("AWS_REGION", string.Empty));
    }

    private IEnumerable<Case> CredentialAndConfigCases()
    {
        Case Config(string name, int exit, string says, string config, string? credentials = null, params string[] extraArgs)
        {
            var environment = new Dictionary<string, string?>
            {
                ["AWS_REGION"] = "us-east-1",
                ["AWS_ENDPOINT_URL"] = Unreachable,
                ["CLEANUP_MAX_ATTEMPTS"] = "1",
                ["AWS_CONFIG_FILE"] = config,
                ["AWS_SHARED_CREDENTIALS_FILE"] = credentials ?? "/dev/null",
            };
            return new Case(name, exit, ["sweep", .. extraArgs], environment, says);
        }

        var corrupt = File("corrupt-config", "[default\nregion = us-east-1\n");
        yield return Config("credential_process exits 1", ExitCodes.Credentials, "credential_process", File("process-fails", "[default]\ncredential_process = sh -c 'echo nope >&2; exit 1'\n"));
        yield return Config("credential_process prints garbage", ExitCodes.Credentials, "credential_process", File("process-garbage", "[default]\ncredential_process = echo notjson\n"));
        yield return Config("credential_process JSON without keys", ExitCodes.Credentials, "credential_process", File("process-nokeys", "[default]\ncredential_process = echo {\"Version\": 1}\n"));
        yield return Config("credential_process missing command", ExitCodes.Credentials, "credential_process", File("process-missing", "[default]\ncredential_process = /nonexistent/helper\n"));
        yield return Config("corrupt config", ExitCodes.Invalid, "not valid", corrupt);
        yield return Config("corrupt config with --profile", ExitCodes.Invalid, "not valid", corrupt, null, "--profile", "ops");
        yield return Config("binary config", ExitCodes.Invalid, "not valid", File("binary-config", "\u0001\u0002\u00ff[[[\n=\n"));
        yield return Config("corrupt credentials", ExitCodes.Invalid, "not valid", "/dev/null", File("corrupt-credentials", "aws_access_key_id = AKIA\n[default\n"));
        yield return Config("config is /dev/zero", ExitCodes.Invalid, "AWS_CONFIG_FILE", "/dev/zero");
        yield return Config("config is a directory", ExitCodes.Credentials, "no AWS credentials", _dir);
        yield return Config("no credentials", ExitCodes.Credentials, "no AWS credentials", "/dev/null");
        var endpointInProfile = Config("endpoint_url in the profile not a URL", ExitCodes.Invalid, "endpoint URL", File("endpoint-config", "[default]\nendpoint_url = notaurl\naws_access_key_id = test\naws_secret_access_key = test\n"));
        endpointInProfile.Environment.Remove("AWS_ENDPOINT_URL");
        yield return endpointInProfile;
        yield return Config("unknown profile", ExitCodes.Credentials, "'nosuch'", "/dev/null", null, "--profile", "nosuch");
    }

    private IEnumerable<Case> InputCases()
    {
        Case Invoke(string name, int exit, string path, string says, Func<Process, Task>? during = null)
        {
            var environment = Aws();
            environment["AWS_ENDPOINT_URL"] = Unreachable;
            environment["CLEANUP_ACCOUNT_ID"] = "123456789012";
            return new Case(name, exit, ["invoke", path], environment, says) { During = during };
        }

        var big = Path.Combine(_dir, "big.json");
        using (var stream = System.IO.File.Create(big))
        {
            stream.SetLength(7 * 1024 * 1024);
        }

        // Nobody ever writes to these: before, open(2) blocked forever and the signal was ignored.
        var fifoTerm = Fifo("fifo-term");
        var fifoInt = Fifo("fifo-int");
        yield return Invoke("/dev/zero", ExitCodes.Invalid, "/dev/zero", "larger than 6291456 bytes");
        yield return Invoke("file larger than 6 MB", ExitCodes.Invalid, big, "larger than 6291456 bytes (7340032 bytes)");
        yield return Invoke("FIFO then SIGTERM", ExitCodes.Terminated, fifoTerm, "interrupted", p => SignalAsync(p, "TERM"));
        if (!SigintIgnoredHere())
        {
            yield return Invoke("FIFO then SIGINT", ExitCodes.Interrupted, fifoInt, "interrupted", p => SignalAsync(p, "INT"));
        }
        yield return Invoke("directory", ExitCodes.Invalid, _dir, "is a directory");
        yield return Invoke("missing file", ExitCodes.Invalid, Path.Combine(_dir, "nosuch.json"), "no such file");
        yield return Invoke("empty file", ExitCodes.Invalid, File("empty.json", string.Empty), "not valid JSON") with { OnlyLine = false };
        yield return Invoke("binary file", ExitCodes.Invalid, File("binary.json", "\u0000\u0001\u0002\u00ff"), "JSON") with { OnlyLine = false };
        yield return Invoke("deeply nested JSON", ExitCodes.Invalid, File("deep.json", new string('[', 100_000) + new string(']', 100_000)), "rejected: the input nests deeper") with { OnlyLine = false };
        yield return Invoke("a BOM and nothing else", ExitCodes.Invalid, File("bom-only.json", "\uFEFF"), "not valid JSON") with { OnlyLine = false };
    }

    // Cases that reach the run: the emulator answers (or refuses) the SSM and ECS calls.
    private async Task<IEnumerable<Case>> RunCasesAsync(EmulatorHarness h)
    {
        var (_, dead) = await h.SettledFleetAsync(running: 1, stopped: 1);
        var bom = Path.Combine(_dir, "bom.json");
        await System.IO.File.WriteAllBytesAsync(bom, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(h.StoppedEventAfterGrace(dead[0]))]);

        var html = ScriptedHttpServer.Start(503, "text/html", "<html><body>Service Unavailable</body></html>");
        var empty = ScriptedHttpServer.Start(200, "application/x-amz-json-1.1", string.Empty);
        _servers.AddRange([html, empty]);
        Dictionary<string, string?> Against(string endpoint)
        {
            var environment = Aws();
            environment["AWS_ENDPOINT_URL"] = endpoint;
            environment["CLEANUP_ACCOUNT_ID"] = "123456789012";
            return environment;
        }

        return
        [
            new Case("UTF-8 BOM event file", ExitCodes.Ok, ["invoke", bom], h.CliEnvironment(), string.Empty) { OnlyLine = false },
            new Case("SSM and ECS answer 503 HTML", ExitCodes.Failed, ["sweep"], Against(html.Url), "failed") { OnlyLine = false },
            new Case("SSM and ECS answer an empty 200", ExitCodes.Failed, ["sweep", "--output", "json"], Against(empty.Url), "failed") { OnlyLine = false },
        ];
    }

    private static Dictionary<string, string?> Aws() => new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["CLEANUP_MAX_ATTEMPTS"] = "1",
    };

    private static string StsError(string code, string message) =>
        $"""<ErrorResponse xmlns="{StsNamespace}"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r</RequestId></ErrorResponse>""";

    private static string Identity(string? account) =>
        $"""<GetCallerIdentityResponse xmlns="{StsNamespace}"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>AIDA</UserId>{(account is null ? string.Empty : $"<Account>{account}</Account>")}</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>""";

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private string Fifo(string name)
    {
        var path = Path.Combine(_dir, name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    // A shell's background job inherits SIGINT ignored, and so does the CLI started from it, rightly (nohup, `&`):
    // then there is no Ctrl+C to honour and the row cannot run.
    private static bool SigintIgnoredHere()
    {
        var line = System.IO.File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x2) != 0;
    }

    // Long enough for the runtime to start and block in open(2); the line asserted proves the CLI, not the
    // default signal action, ended it.
    private static async Task SignalAsync(Process process, string signal)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }
}
