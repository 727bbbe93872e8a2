using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cleanup.Tests.Cli;

/// <summary>
/// An HTTP endpoint on loopback that answers every request with one scripted status, content type and body: what no
/// emulator does on purpose (an HTML page from a proxy, an empty 200, an STS answer without an account). Like
/// <see cref="Aws.EcsScriptedServer"/>, but for any protocol, since STS speaks XML.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly (int Status, string ContentType, string Body) _answer;
    private readonly Task _loop;

    private ScriptedHttpServer(int port, (int Status, string ContentType, string Body) answer)
    {
        _answer = answer;
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Without the trailing slash, as AWS_ENDPOINT_URL takes it.</summary>
    public string Url { get; }

    public int Requests { get; private set; }

    public static ScriptedHttpServer Start(int status, string contentType, string body)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ScriptedHttpServer(port, (status, contentType, body));
    }

    public async ValueTask DisposeAsync()
    {
        // Closed, not only stopped: a pending GetContextAsync could otherwise wait forever (see EcsScriptedServer).
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or TimeoutException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    await reader.ReadToEndAsync();
                }

                Requests++;
                var bytes = Encoding.UTF8.GetBytes(_answer.Body);
                context.Response.StatusCode = _answer.Status;
                context.Response.ContentType = _answer.ContentType;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client gave up (its own timeout): the next request is served all the same.
            }
        }
    }
}
