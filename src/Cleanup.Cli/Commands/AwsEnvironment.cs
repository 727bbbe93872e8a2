using Amazon.Runtime.CredentialManagement;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The AWS settings the SDK reads lazily, checked before the first client exists: the SDK reports a bad endpoint URL
/// or a corrupt ~/.aws/config from deep inside whichever call first touches it (a type initializer, even), and
/// reads a config file that is a device to the end.
/// </summary>
internal static class AwsEnvironment
{
    /// <summary>The endpoint overrides the SDK honours for the services the CLI calls (AWS_ENDPOINT_URL_&lt;SERVICE&gt;).</summary>
    public static readonly string[] EndpointVariables = ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL_STS"];

    // A real config file is a few KB; anything this large is not one.
    private const int MaxFileBytes = 1024 * 1024;

    /// <summary>The one line saying what is wrong (exit 2), or null.</summary>
    public static async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var variable in EndpointVariables)
            {
                if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && !IsEndpoint(value))
                {
                    return $"{variable} is not an http(s) URL ('{AwsFailure.Detail(value)}'): set it to an endpoint such as http://127.0.0.1:4566, or unset it";
                }
            }
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var (variable, fallback) in new[] { ("AWS_CONFIG_FILE", "config"), ("AWS_SHARED_CREDENTIALS_FILE", "credentials") })
        {
            var path = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set ? set : Path.Combine(home, ".aws", fallback);
            if (await FileProblemAsync(variable, path, cancellationToken) is { } problem)
            {
                return problem;
            }
        }

        try
        {
            // Parses both files the way every later SDK call will.
            _ = new CredentialProfileStoreChain().ListProfiles();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            return $"the AWS config or credentials file is not valid ({AwsFailure.Detail(ex.Message)}): fix it, or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at valid ones";
        }

        return null;
    }

    private static bool IsEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    private static async Task<string?> FileProblemAsync(string variable, string path, CancellationToken cancellationToken)
    {
        // /dev/null is the usual way to say "no file"; a missing file is what the SDK expects too.
        if (path == "/dev/null" || !File.Exists(path))
        {
            return null;
        }

        var read = Task.Run(() => EventInput.ReadBounded(path, MaxFileBytes), CancellationToken.None);
        try
        {
            var bytes = await read.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return bytes is null ? $"{variable} {path} is larger than {MaxFileBytes} bytes, which no AWS config file is: point {variable} at the real file" : null;
        }
        catch (TimeoutException)
        {
            return $"{variable} {path} gave nothing to read within 5 s (a pipe nobody writes to?): point {variable} at a file";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot read {variable} {path}: {AwsFailure.Detail(ex.Message)}";
        }
    }
}
