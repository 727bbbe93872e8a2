using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Cleanup.Emulator.Tests.Support;

/// <summary>Parameter Store calls through the real SDK client, shortened to what the tests vary.</summary>
public abstract class ParameterStoreTest : EmulatorTest
{
    /// <summary>The kind of name Cleanup itself uses: a path under its stack.</summary>
    protected const string Lease = "/cleanup/stack/sweep-lease";

    protected async Task<PutParameterResponse> PutAsync(string name, string value, bool overwrite = false, ParameterType? type = null) =>
        await Ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = value, Overwrite = overwrite, Type = type ?? ParameterType.String });

    protected async Task<Parameter> GetAsync(string name) =>
        (await Ssm.GetParameterAsync(new GetParameterRequest { Name = name })).Parameter;

    /// <summary>Every page of the history, following NextToken, oldest first.</summary>
    protected async Task<List<ParameterHistory>> HistoryAsync(string name, int? pageSize = null)
    {
        var all = new List<ParameterHistory>();
        var request = new GetParameterHistoryRequest { Name = name, MaxResults = pageSize };
        do
        {
            var page = await Ssm.GetParameterHistoryAsync(request);
            all.AddRange(page.Parameters ?? []);
            request.NextToken = page.NextToken;
        }
        while (request.NextToken is not null);

        return all;
    }

    /// <summary>Writes versions 1..count of a parameter.</summary>
    protected async Task PutVersionsAsync(string name, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await PutAsync(name, $"v{i}", overwrite: i > 1);
        }
    }
}
