using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Xml;
using Amazon.Runtime;

namespace Cleanup.Cli.Commands;

/// <summary>
/// Any failure of a call the CLI itself makes (credentials, sts:GetCallerIdentity, building the clients) as an exit
/// code and one line that names the call and says what to do: whatever the SDK, the network or a proxy answers, the
/// user reads a sentence, never a stack trace.
/// </summary>
internal static class AwsFailure
{
    // An HTML error page from a proxy can be long; the start says enough to recognise it.
    private const int MaxDetail = 160;

    public static (int Exit, string Line) Describe(string call, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var (exit, why, fix) = Classify(ex);
        return (exit, $"{call} failed: {why}; {fix}");
    }

    private static (int Exit, string Why, string Fix) Classify(Exception ex)
    {
        // The innermost cause decides for these: the SDK wraps them in its own exception types.
        foreach (var cause in Chain(ex))
        {
            switch (cause)
            {
                case InvalidDataException:
                    return (ExitCodes.Invalid, $"an AWS config or credentials file is not valid ({Detail(cause.Message)})",
                        "fix the file, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at valid ones");
                case UriFormatException:
                    return (ExitCodes.Invalid, $"an endpoint URL is not valid ({Detail(cause.Message)})",
                        "fix or unset AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>, endpoint_url in the profile)");
                case ProcessAWSCredentialException:
                    return (ExitCodes.Credentials, $"the profile's credential_process failed ({Detail(cause.Message)})",
                        "run the credential_process command by hand and fix it, or use other credentials (--profile, AWS_PROFILE)");
                default:
                    break;
            }
        }

        return ex switch
        {
            AmazonServiceException service => OfService(service),
            _ when Chain(ex).Any(c => c is XmlException or JsonException) => (ExitCodes.Failed,
                $"AWS's answer could not be read ({Detail(ex.Message)})",
                "try again; if it persists, check AWS_ENDPOINT_URL and any proxy in between"),
            _ when Chain(ex).Any(c => c is HttpRequestException or SocketException or TimeoutException or OperationCanceledException) => (ExitCodes.Network,
                $"AWS could not be reached ({Detail(ex.Message)})",
                "check the network, proxy, --region and AWS_ENDPOINT_URL, then try again"),
            AmazonClientException when ex.Message.Contains("URL", StringComparison.OrdinalIgnoreCase) => (ExitCodes.Invalid,
                $"an endpoint URL is not valid ({Detail(ex.Message)})",
                "fix or unset AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>, endpoint_url in the profile)"),
            AmazonClientException => (ExitCodes.Network, Detail(ex.Message), "check the network, proxy, --region and AWS_ENDPOINT_URL, then try again"),
            _ => (ExitCodes.Failed, $"unexpected {ex.GetType().Name} ({Detail(ex.Message)})", "try again; if it persists, please report it"),
        };
    }

    private static (int Exit, string Why, string Fix) OfService(AmazonServiceException ex)
    {
        var status = (int)ex.StatusCode;
        var code = ex.ErrorCode;
        var said = code is null ? $"HTTP {status}" : $"{code}, HTTP {status}";
        var exit = ExitCodes.OfErrorCode(code);
        return exit switch
        {
            ExitCodes.Credentials => (exit, $"AWS refused the credentials ({said}: {Detail(ex.Message)})",
                "renew or fix them (--profile, AWS_PROFILE, AWS_ACCESS_KEY_ID…; expired? `aws sso login`)"),
            ExitCodes.PermissionDenied => (exit, $"AWS denied the call ({said}: {Detail(ex.Message)})",
                "grant the caller the IAM actions in docs/permissions.md (policies/cleanup-operator-*.json)"),
            _ when code is "RegionDisabledException" => (ExitCodes.Region, $"STS is not activated in this region ({said})",
                "activate it in IAM (account settings) or pass another --region"),
            _ when code is "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequestsException" => (ExitCodes.Failed,
                $"AWS throttled the call past the SDK's retries ({said})", "try again in a minute"),
            _ when code is null => (ExitCodes.Failed, $"AWS answered with something that is not an AWS error ({said}: {Detail(ex.Message)})",
                "try again; if it persists, check AWS_ENDPOINT_URL and any proxy in between"),
            _ when status >= 500 => (ExitCodes.Failed, $"AWS had an internal error ({said}: {Detail(ex.Message)})", "try again in a minute"),
            _ when ex.StatusCode == HttpStatusCode.Forbidden => (ExitCodes.PermissionDenied, $"AWS refused the call ({said}: {Detail(ex.Message)})",
                "check the credentials and the caller's IAM policy"),
            _ => (ExitCodes.Failed, $"AWS refused the call ({said}: {Detail(ex.Message)})", "try again; if it persists, please report it"),
        };
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>One line of at most <see cref="MaxDetail"/> characters: SDK and proxy messages span lines.</summary>
    public static string Detail(string text)
    {
        var line = string.Join(' ', (text ?? string.Empty).Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxDetail ? line : string.Concat(line.AsSpan(0, MaxDetail), "…");
    }
}
