using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cleanup.Emulator;

/// <summary>
/// Plays amazon-ssm-agent against an endpoint: registers with an activation and pings, both unsigned, exactly the
/// calls the real agent makes. The activation code is sent but never kept or logged.
/// </summary>
public sealed class StubAgent
{
    // One client for all agents: they are many and short-lived in tests, and sockets should not pile up.
    private static readonly HttpClient _http = new();

    private readonly Uri _endpoint;

    private StubAgent(Uri endpoint, string instanceId)
    {
        _endpoint = endpoint;
        InstanceId = instanceId;
    }

    public string InstanceId { get; }

    /// <summary>Registers a new node; a refusal surfaces as <see cref="AwsErrorException"/> with the AWS code.</summary>
    public static async Task<StubAgent> RegisterAsync(Uri endpoint, string activationId, string activationCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var body = new JsonObject
        {
            ["ActivationCode"] = activationCode,
            ["ActivationId"] = activationId,
            // The emulator does not verify keys; the agent's real call carries them, so the stub does too.
            ["PublicKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
            ["PublicKeyType"] = "Rsa",
            ["Fingerprint"] = Guid.NewGuid().ToString(),
        };
        var result = await CallAsync(endpoint, "RegisterManagedInstance", body, cancellationToken).ConfigureAwait(false);
        var instanceId = result["InstanceId"]?.GetValue<string>()
            ?? throw new AwsErrorException("InternalServerError", "RegisterManagedInstance returned no InstanceId.", 500);
        return new StubAgent(endpoint, instanceId);
    }

    /// <summary>One heartbeat, as the agent sends about every 5 minutes.</summary>
    public Task PingAsync(string ipAddress, string computerName, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["InstanceId"] = InstanceId,
            ["AgentName"] = "amazon-ssm-agent",
            ["AgentStatus"] = "Active",
            ["AgentVersion"] = "3.3.1345.0",
            ["PlatformType"] = "Linux",
            ["PlatformName"] = "Amazon Linux",
            ["PlatformVersion"] = "2023",
            ["IPAddress"] = ipAddress,
            ["ComputerName"] = computerName,
        };
        return CallAsync(_endpoint, "UpdateInstanceInformation", body, cancellationToken);
    }

    private static async Task<JsonObject> CallAsync(Uri endpoint, string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AmazonSSM." + operation);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (response.IsSuccessStatusCode && json is not null)
        {
            return json;
        }

        var type = json?["__type"]?.GetValue<string>() ?? "UnknownError";
        // Some services prefix the code with a namespace ("com.amazon...#Code"); the code is the part after '#'.
        var code = type[(type.LastIndexOf('#') + 1)..];
        var message = json?["message"]?.GetValue<string>() ?? json?["Message"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
        throw new AwsErrorException(code, $"{operation} refused: {code}: {message}", (int)response.StatusCode);
    }
}
