using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Cleanup.Emulator.Tests.Support;

/// <summary>One AWS JSON 1.1 call over plain HTTP (signed-looking unless told not), where the SDK would hide the wire.</summary>
public static class RawAws
{
    public const string Ssm = "AmazonSSM.";

    public const string Ecs = "AmazonEC2ContainerServiceV20141113.";

    public static async Task<(HttpStatusCode Status, JsonNode Body)> CallAsync(HttpClient http, Uri endpoint, string target, string json = "{}", bool signed = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", target);
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261102/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=00");
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>"ok" for HTTP 200, otherwise the AWS error code, so a run of calls reads as one list.</summary>
    public static async Task<string> OutcomeAsync(HttpClient http, Uri endpoint, string target, string json = "{}")
    {
        var (status, body) = await CallAsync(http, endpoint, target, json);
        return status == HttpStatusCode.OK ? "ok" : body["__type"]!.GetValue<string>();
    }
}
