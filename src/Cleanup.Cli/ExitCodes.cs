using Cleanup.Execute;
using Cleanup.Report;

namespace Cleanup.Cli;

/// <summary>The CLI's exit codes; each failure also prints one line on stderr saying what to do.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>
    /// A removal failed, or the run failed for another reason than AWS access: AWS throttling past the retries, a 5xx,
    /// an answer that is not AWS's (an HTML page, an empty body, no account); try again. Also an unexpected error.
    /// </summary>
    public const int Failed = 1;

    /// <summary>Invalid command line, configuration (CLEANUP_*) or input event.</summary>
    public const int Invalid = 2;

    /// <summary>The blast-radius brake tripped (in dry-run too): nothing was deleted, a person must look.</summary>
    public const int BrakeTripped = 3;

    /// <summary>No AWS credentials, or AWS refused them (unknown key, bad signature, expired token).</summary>
    public const int Credentials = 4;

    /// <summary>No AWS region: neither --region, AWS_REGION, AWS_DEFAULT_REGION nor the profile's region.</summary>
    public const int Region = 5;

    /// <summary>An AWS endpoint could not be reached (network, DNS, proxy, AWS_ENDPOINT_URL, timeout).</summary>
    public const int Network = 6;

    /// <summary>AWS denied a call (AccessDenied*): the caller's IAM policy lacks a permission.</summary>
    public const int PermissionDenied = 7;

    /// <summary>The emulator's port is taken (cleanup emulator).</summary>
    public const int PortInUse = 8;

    /// <summary>Another sweep holds the sweep lease (--lease): this one read and deleted nothing.</summary>
    public const int Skipped = 9;

    /// <summary>Stopped by Ctrl+C (SIGINT), 128 + 2 as shells report it: calls already made may have completed.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, 128 + 15: calls already made may have completed.</summary>
    public const int Terminated = 143;

    public const string Help = """
        exit codes:
            0  done, or nothing to do
            1  a removal or the run failed; or AWS throttled, failed (5xx) or answered nonsense: try again
            2  invalid options, configuration (CLEANUP_*, AWS config file, endpoint URL) or input file
            3  blast-radius brake tripped
            4  AWS credentials missing or refused (credential_process failing included)
            5  no AWS region
            6  AWS endpoint unreachable
            7  AWS denied a permission (AccessDenied)
            8  the emulator's port is taken
            9  another sweep holds the lease (--lease)
          130  interrupted (Ctrl+C); 143 terminated (SIGTERM)
        """;

    public static int Of(RunStatus status) => status switch
    {
        RunStatus.Succeeded or RunStatus.Ignored => Ok,
        RunStatus.Failed => Failed,
        RunStatus.BrakeTripped => BrakeTripped,
        RunStatus.Skipped => Skipped,
        _ => Invalid,
    };

    /// <summary>
    /// A failed run's exit code and line: an inventory read (or the lease) refused or unreachable is an AWS access problem (4, 6, 7),
    /// a removal denied is 7, anything else 1.
    /// </summary>
    public static (int Exit, string? Line) Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == RunStatus.Rejected)
        {
            // The result JSON says it too, but stdout may be piped away: the error belongs on stderr.
            return (Invalid, $"the input was rejected: {string.Join(' ', result.Message.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries))}; nothing was called");
        }

        if (result.Status != RunStatus.Failed)
        {
            return (Of(result.Status), null);
        }

        // The run's own error first (the inventory or the lease), then the failed removals; the first that is an access
        // problem decides, and a denial names the action to grant.
        var failures = result.Items.Where(i => i.Status == OutcomeStatus.Failed).Select(i => (i.ErrorCode, Action: DeniedAction.Of(i))).ToList();
        if (result.ErrorCode is not null)
        {
            failures.Insert(0, (result.ErrorCode, DeniedAction.In(result.Message)));
        }

        foreach (var (code, action) in failures)
        {
            var exit = OfErrorCode(code);
            if (exit != Failed)
            {
                return (exit, exit == PermissionDenied && action is not null ? DeniedLine(code, action) : LineFor(exit, code));
            }
        }

        return (Failed, "the run failed (see the result's message and the failed items); re-run after fixing, nothing else changed");
    }

    /// <summary>The exit-7 line when the refused IAM action is known.</summary>
    public static string DeniedLine(string? code, string action) =>
        $"AWS denied a permission ({code}) for {action}: grant the caller this IAM action (docs/permissions.md lists every action the CLI needs, with ready policies)";

    /// <summary>An AWS error code as returned by a service, or the code the adapters give network failures.</summary>
    public static int OfErrorCode(string? code) => code switch
    {
        null => Failed,
        _ when code.StartsWith("AccessDenied", StringComparison.Ordinal)
            || code is "UnauthorizedOperation" or "UnauthorizedAccess" or "AuthorizationError" => PermissionDenied,
        "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch" or "InvalidSignatureException"
            or "ExpiredToken" or "ExpiredTokenException" or "MissingAuthenticationToken" or "IncompleteSignature"
            or "InvalidAccessKeyId" or "AuthFailure" => Credentials,
        "ClientError" or "Timeout" or "RequestTimeout" => Network,
        // The sweep lease named by CLEANUP_SWEEP_LEASE does not exist: a configuration error, never created for you.
        "ParameterNotFound" => Invalid,
        _ => Failed,
    };

    public static string LineFor(int exit, string? what) => exit switch
    {
        Credentials => $"AWS refused the credentials ({what}): check --profile/AWS_PROFILE or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN in use (expired? `aws sso login`?)",
        Network => $"cannot reach AWS ({what}): check the network, proxy, --region and AWS_ENDPOINT_URL",
        PermissionDenied => $"AWS denied a permission ({what}): grant the caller the IAM actions in docs/permissions.md (policies/cleanup-operator-*.json)",
        Invalid => $"the sweep lease parameter does not exist ({what}): create it, or check CLEANUP_SWEEP_LEASE (a stack's lease is /cleanup/<stack>/sweep-lease)",
        _ => $"the run failed ({what})",
    };
}
