using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Cleanup.Emulator.Tests;

/// <summary>
/// The emulator answers for one region, SSM and STS as ECS: its ARNs carry it, and a client signed for another region
/// is refused as an AWS regional endpoint refuses it, never shown this region's fleet.
/// </summary>
public sealed class RegionTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private AwsEmulator? _emulator;

    private AwsEmulator Emulator => _emulator!;

    public async Task InitializeAsync() => _emulator = await AwsEmulator.StartAsync(new EmulatorOptions { Region = Region });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    [Fact]
    public async Task SdkClientOfTheEmulatorsRegion_GetsThatRegionsArnsAndFleet()
    {
        using var ssm = Client(Region);
        var activation = await ssm.CreateActivationAsync(new CreateActivationRequest { IamRole = "SSMServiceRole", DefaultInstanceName = "shells/abc" });
        var agent = await StubAgent.RegisterAsync(Emulator.Url, activation.ActivationId, activation.ActivationCode);
        await ssm.PutParameterAsync(new PutParameterRequest { Name = "/cleanup/test/sweep-lease", Value = "{}", Type = ParameterType.String });

        var parameter = await ssm.GetParameterAsync(new GetParameterRequest { Name = "/cleanup/test/sweep-lease" });
        var nodes = await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest());
        var task = Emulator.Ecs.RunTask(new NewTask { Cluster = "shells" });

        Assert.StartsWith($"arn:aws:ssm:{Region}:123456789012:parameter/", parameter.Parameter.ARN, StringComparison.Ordinal);
        Assert.Equal(agent.InstanceId, Assert.Single(nodes.InstanceInformationList).InstanceId);
        Assert.StartsWith($"arn:aws:ecs:{Region}:123456789012:task/shells/", task.TaskArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SdkClientOfAnotherRegion_IsRefusedAndSeesNoNode()
    {
        using var home = Client(Region);
        var activation = await home.CreateActivationAsync(new CreateActivationRequest { IamRole = "SSMServiceRole" });
        await StubAgent.RegisterAsync(Emulator.Url, activation.ActivationId, activation.ActivationCode);
        using var elsewhere = Client("us-east-1");

        var refused = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() =>
            elsewhere.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest()));
        var deregister = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() =>
            elsewhere.DeleteActivationAsync(new DeleteActivationRequest { ActivationId = activation.ActivationId }));

        Assert.Equal("InvalidSignatureException", refused.ErrorCode);
        Assert.Contains("scoped to a valid region, not 'us-east-1'", refused.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidSignatureException", deregister.ErrorCode);
        Assert.Single((await home.DescribeActivationsAsync(new DescribeActivationsRequest())).ActivationList);
    }

    [Theory]
    [InlineData("AmazonEC2ContainerServiceV20141113.ListClusters", "ecs")]
    [InlineData("AmazonSSM.DescribeActivations", "ssm")]
    public async Task JsonCallSignedForAnotherRegion_IsRefusedBySsmAndEcsAlike(string target, string service)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.Url) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1") };
        request.Headers.Add("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261102/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=00");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("InvalidSignatureException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Region, HttpStatusCode.OK, null)]
    [InlineData("us-east-1", HttpStatusCode.Forbidden, "SignatureDoesNotMatch")]
    public async Task Sts_AnswersOnlyForItsRegion(string signedFor, HttpStatusCode status, string? code)
    {
        XNamespace sts = "https://sts.amazonaws.com/doc/2011-06-15/";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Emulator.Url)
        {
            Content = new FormUrlEncodedContent([new("Action", "GetCallerIdentity"), new("Version", "2011-06-15")]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=test/20261126/{signedFor}/sts/aws4_request, SignedHeaders=host, Signature=0");

        using var response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        var body = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(code, body.Element(sts + "Error")?.Element(sts + "Code")?.Value);
    }

    private AmazonSimpleSystemsManagementClient Client(string region) =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = Emulator.Url.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        });
}
