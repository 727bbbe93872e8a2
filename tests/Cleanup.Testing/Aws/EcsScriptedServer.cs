using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cleanup.Tests.Aws;

/// <summary>One request as the scripted server received it.</summary>
public sealed record EcsRecordedRequest(string Method, string Path, string? Target, string? ContentType, string? Authorization, string Body);

/// <summary>
/// A tiny ECS stand-in on loopback whose answers each test scripts: what neither moto nor a real account can be made
/// to do on demand (throttling, 5xx, several ListTasks pages, timestamps, non-MISSING failures), plus a record of
/// every request so tests can count calls and read headers. With <see cref="StartAny"/> it answers any protocol (the
/// CLI's <see cref="Cli.ScriptedHttpServer"/> serves STS's XML and a proxy's HTML through it): one serving loop.
/// </summary>
public sealed class EcsScriptedServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private const string AmzJson = "application/x-amz-json-1.1";

    private readonly Func<EcsRecordedRequest, (int Status, string ContentType, string Body)> _answer;
    private readonly bool _requestId;
    private readonly Task _loop;

    private EcsScriptedServer(int port, Func<EcsRecordedRequest, (int Status, string ContentType, string Body)> answer, bool requestId)
    {
        _answer = answer;
        _requestId = requestId;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<EcsRecordedRequest> Requests { get; } = new();

    public static EcsScriptedServer Start(Func<EcsRecordedRequest, (int Status, string Body)> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Start(
            request =>
            {
                var (status, body) = answer(request);
                return (status, AmzJson, body);
            },
            requestId: true);
    }

    /// <summary>Any status, content type and body, without the x-amzn-RequestId header an AWS service sends.</summary>
    public static EcsScriptedServer StartAny(Func<EcsRecordedRequest, (int Status, string ContentType, string Body)> answer) =>
        Start(answer, requestId: false);

    private static EcsScriptedServer Start(Func<EcsRecordedRequest, (int Status, string ContentType, string Body)> answer, bool requestId)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new EcsScriptedServer(port, answer, requestId);
    }

    public static (int Status, string Body) Error(int status, string code, string message = "scripted") =>
        (status, $$"""{"__type":"{{code}}","message":"{{message}}"}""");

    public int Count(string operation) => Requests.Count(r => r.Target == $"AmazonEC2ContainerServiceV20141113.{operation}");

    public async ValueTask DisposeAsync()
    {
        // Closed, not only stopped: a GetContextAsync that began just as Stop ran was once seen to wait forever
        // (a hung test run); closing the listener ends it, and the loop gets a bounded wait besides.
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
                await AnswerAsync(context);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client gave up (its own timeout): the next request is served all the same.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        EcsRecordedRequest recorded;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            recorded = new EcsRecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url?.AbsolutePath ?? string.Empty,
                context.Request.Headers["X-Amz-Target"],
                context.Request.Headers["Content-Type"],
                context.Request.Headers["Authorization"],
                await reader.ReadToEndAsync());
        }

        Requests.Enqueue(recorded);
        var (status, contentType, body) = _answer(recorded);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (_requestId)
        {
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        }

        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
