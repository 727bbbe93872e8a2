using Cleanup.Tests.Aws;

namespace Cleanup.Tests.Cli;

/// <summary>
/// An HTTP endpoint on loopback that answers every request with one scripted status, content type and body: what no
/// emulator does on purpose (an HTML page from a proxy, an empty 200, an STS answer without an account). The serving
/// loop is <see cref="EcsScriptedServer"/>'s, answering any protocol, since STS speaks XML.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly EcsScriptedServer _server;

    private ScriptedHttpServer(EcsScriptedServer server)
    {
        _server = server;
        Url = server.Url.ToString().TrimEnd('/');
    }

    /// <summary>Without the trailing slash, as AWS_ENDPOINT_URL takes it.</summary>
    public string Url { get; }

    public int Requests => _server.Requests.Count;

    public static ScriptedHttpServer Start(int status, string contentType, string body) =>
        new(EcsScriptedServer.StartAny(_ => (status, contentType, body)));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
