using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Cleanup.Aws;
using Cleanup.Inventory;
using Cleanup.Tests.Cli;

namespace Cleanup.Tests.Aws;

public class SsmLeaseStoreTests
{
    [Fact]
    public async Task Read_AnswerWithoutLastModifiedDate_IsUnusable_NotALeaseThatEndedLongAgo()
    {
        // Expiry is judged from LastModifiedDate alone: read as "the beginning of time", a held lease would be taken over.
        await using var server = ScriptedHttpServer.Start(200, "application/x-amz-json-1.1", """
            {"Parameter":{"Name":"/cleanup/s/sweep-lease","Type":"String","Value":"{\"holder\":\"other\"}","Version":7}}
            """);
        using var ssm = new AmazonSimpleSystemsManagementClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSimpleSystemsManagementConfig { ServiceURL = server.Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        var ex = await Assert.ThrowsAsync<RegistryException>(() => new SsmLeaseStore(ssm).ReadAsync("/cleanup/s/sweep-lease", default));

        Assert.Equal("InvalidResponse", ex.ErrorCode);
        Assert.Contains("LastModifiedDate", ex.Message, StringComparison.Ordinal);
    }
}
