using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>STS GetCallerIdentity over the query protocol: the CLI's one question before it acts.</summary>
public sealed class StsTests : EmulatorTest
{
    private static readonly XNamespace _sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    [AwsCliFact]
    public async Task Cli_GetCallerIdentity_AnswersTheEmulatorsAccount()
    {
        var (exit, stdout, stderr) = await AwsCli.RunAsync(Emulator.Url, "sts", "get-caller-identity");

        Assert.True(exit == 0, stderr);
        Assert.Equal(Emulator.Options.AccountId, JsonNode.Parse(stdout)!["Account"]!.GetValue<string>());
        Assert.Equal(1, Emulator.Calls.Succeeded("GetCallerIdentity"));
    }

    [Fact]
    public async Task Unsigned_IsRefusedWithAQueryProtocolError()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Emulator.Url, Form("GetCallerIdentity"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element(_sts + "Error")!;
        Assert.Equal("MissingAuthenticationToken", error.Element(_sts + "Code")!.Value);
    }

    [Fact]
    public async Task OtherAction_IsInvalidAction()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.Url) { Content = Form("AssumeRole") };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("InvalidAction", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string action) =>
        new([new("Action", action), new("Version", "2011-06-15")]);
}
