using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>The AWS JSON 1.1 wire rules, checked with raw HTTP where the SDK would hide them.</summary>
public sealed class ProtocolTests : EmulatorTest, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task UnsignedOperatorCall_IsMissingAuthenticationToken()
    {
        var (status, body) = await PostAsync("AmazonSSM.DescribeActivations", "{}", signed: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MissingAuthenticationTokenException", body["__type"]?.GetValue<string>());
        Assert.Equal(1, Emulator.Calls.Count("DescribeActivations"));
        Assert.Equal(0, Emulator.Calls.Succeeded("DescribeActivations"));
    }

    [Fact]
    public async Task UnsignedAgentPing_ForUnknownNode_IsInvalidInstanceIdNotAuthFailure()
    {
        var (status, body) = await PostAsync("AmazonSSM.UpdateInstanceInformation", """{"InstanceId":"mi-00000000000000000"}""", signed: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidInstanceId", body["__type"]?.GetValue<string>());
    }

    [Fact]
    public async Task MalformedJson_IsSerializationException()
    {
        var (_, body) = await PostAsync("AmazonSSM.DescribeActivations", "{\"MaxResults\":");

        Assert.Equal("SerializationException", body["__type"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"MaxResults":"ten"}""")]
    [InlineData("""{"MaxResults":2.5}""")]
    [InlineData("""{"Filters":{"FilterKey":"IamRole"}}""")]
    [InlineData("[]")]
    public async Task WrongJsonTypes_AreSerializationException(string json)
    {
        var (_, body) = await PostAsync("AmazonSSM.DescribeActivations", json);

        Assert.Equal("SerializationException", body["__type"]?.GetValue<string>());
    }

    [Fact]
    public async Task SeveralViolations_AreReportedTogetherInAwsWording()
    {
        var (_, body) = await PostAsync("AmazonSSM.CreateActivation", """{"RegistrationLimit":0}""");

        Assert.Equal("ValidationException", body["__type"]?.GetValue<string>());
        Assert.Equal(
            "2 validation errors detected: Value null at 'iamRole' failed to satisfy constraint: Member must not be null; "
            + "Value '0' at 'registrationLimit' failed to satisfy constraint: Member must have value greater than or equal to 1",
            body["message"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("AmazonSSM.DescribeParameters")]
    [InlineData("AmazonEC2ContainerServiceV20141113.DescribeServices")]
    [InlineData("")]
    public async Task UnknownTarget_IsUnknownOperationException(string target)
    {
        var (status, body) = await PostAsync(target, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("UnknownOperationException", body["__type"]?.GetValue<string>());
    }

    [Fact]
    public async Task Timestamps_AreEpochSecondNumbers()
    {
        await CreateActivationAsync();

        var (_, body) = await PostAsync("AmazonSSM.DescribeActivations", "{}");

        var created = body["ActivationList"]![0]!["CreatedDate"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, created.GetValueKind());
        Assert.Equal(Start.ToUnixTimeSeconds(), created.GetValue<double>());
    }

    [Fact]
    public async Task ActivationCode_AppearsOnlyInTheCreateResponse()
    {
        var (_, created) = await PostAsync("AmazonSSM.CreateActivation", """{"IamRole":"R"}""");
        var code = created["ActivationCode"]!.GetValue<string>();

        var (_, listed) = await PostAsync("AmazonSSM.DescribeActivations", "{}");

        Assert.DoesNotContain(code, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(code, string.Join(" ", Emulator.Calls.All()), StringComparison.Ordinal);
    }

    [Fact]
    public void Url_IsLoopback()
    {
        Assert.Equal("127.0.0.1", Emulator.Url.Host);
        Assert.NotEqual(0, Emulator.Url.Port);
        Assert.Equal("/", Emulator.Url.AbsolutePath);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string target, string json, bool signed = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.Url) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
        request.Headers.Add("X-Amz-Target", target);
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261102/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=00");
        }

        using var response = await _http.SendAsync(request);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
