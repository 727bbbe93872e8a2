using System.Net;
using System.Text.Json.Nodes;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>GET /_emulator/calls: the call log's counts over HTTP, read-only and invisible to itself.</summary>
public sealed class CallLogEndpointTests : EmulatorTest, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public void CallsUrl_IsUnderTheEmulatorUrl() =>
        Assert.Equal(new Uri(Emulator.Url, "_emulator/calls"), Emulator.CallsUrl);

    [Fact]
    public async Task CallsEndpoint_CountsCallsThrottlesAndErrorsPerOperation()
    {
        Emulator.Faults.ThrottleEvery("DescribeActivations", 2);
        for (var i = 0; i < 3; i++)
        {
            await RawAws.CallAsync(_http, Emulator.Url, RawAws.Ssm + "DescribeActivations");
        }

        await RawAws.CallAsync(_http, Emulator.Url, RawAws.Ssm + "DeleteActivation", """{"ActivationId":"00000000-0000-0000-0000-000000000000"}""");
        await RawAws.CallAsync(_http, Emulator.Url, RawAws.Ecs + "ListClusters");

        var summary = await GetSummaryAsync();

        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse("""
                    {
                      "total": { "calls": 5, "throttled": 1, "errors": 2 },
                      "operations": {
                        "DeleteActivation": { "calls": 1, "throttled": 0, "errors": 1 },
                        "DescribeActivations": { "calls": 3, "throttled": 1, "errors": 1 },
                        "ListClusters": { "calls": 1, "throttled": 0, "errors": 0 }
                      }
                    }
                    """),
                summary),
            summary.ToJsonString());
    }

    [Fact]
    public async Task CallsEndpoint_RefusedCalls_CountAsErrorsNotThrottles()
    {
        await RawAws.CallAsync(_http, Emulator.Url, RawAws.Ssm + "NoSuchOperation");

        var summary = await GetSummaryAsync();

        Assert.Equal("""{"calls":1,"throttled":0,"errors":1}""", summary["operations"]!["NoSuchOperation"]!.ToJsonString());
    }

    [Fact]
    public async Task CallsEndpoint_NothingCalled_ReportsZeroes()
    {
        var summary = await GetSummaryAsync();

        Assert.Equal("""{"total":{"calls":0,"throttled":0,"errors":0},"operations":{}}""", summary.ToJsonString());
    }

    [Fact]
    public async Task CallsEndpoint_ReadingIt_IsNotCounted()
    {
        await GetSummaryAsync();
        await GetSummaryAsync();

        var summary = await GetSummaryAsync();

        Assert.Equal(0, summary["total"]!["calls"]!.GetValue<int>());
        Assert.Empty(Emulator.Calls.All());
    }

    [Fact]
    public async Task CallsEndpoint_Post_IsMethodNotAllowedAndNotCounted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.CallsUrl) { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", RawAws.Ssm + "DescribeActivations");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
        Assert.Empty(Emulator.Calls.All());
    }

    [Fact]
    public async Task CallsEndpoint_AfterReset_StartsFromZero()
    {
        await RawAws.CallAsync(_http, Emulator.Url, RawAws.Ssm + "DescribeActivations");

        Emulator.Calls.Reset();

        Assert.Equal(0, (await GetSummaryAsync())["total"]!["calls"]!.GetValue<int>());
    }

    [Fact]
    public async Task OtherPaths_KeepTheAwsAnswer()
    {
        using var response = await _http.GetAsync(new Uri(Emulator.Url, "_emulator/other"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("UnknownOperationException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(Emulator.Calls.All());
    }

    private async Task<JsonNode> GetSummaryAsync()
    {
        using var response = await _http.GetAsync(Emulator.CallsUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
