using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cleanup.Tests.Support;

/// <summary>
/// One moto_server child process on a free loopback port, started on first use and killed on dispose. Share it
/// through a class fixture; tests isolate themselves with their own cluster names.
/// </summary>
public sealed class MotoServer : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;
    private Uri? _url;

    public static string? ExecutablePath { get; } = Find();

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The running server's address; starts it (and waits until it answers) the first time.</summary>
    public async Task<Uri> UrlAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _url ??= await StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the server. Synchronous on purpose: xunit 2 disposes class fixtures through IDisposable only.</summary>
    public void Dispose()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }

        _gate.Dispose();
    }

    private async Task<Uri> StartAsync()
    {
        var path = ExecutablePath ?? throw new InvalidOperationException("moto_server is not on PATH, and CI=true requires it.");
        var port = FreePort();
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("-H");
        start.ArgumentList.Add("127.0.0.1");
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start moto_server.");
        // Drain its output so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var url = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before answering.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url, "moto-api/data.json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    await WarmUpEcsAsync(url, deadline);
                    return url;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("moto_server did not answer within 60 s.");
    }

    // moto imports a service's backend on that service's first request, which can take longer than a test's own
    // HTTP timeout on a loaded machine: pay for it here, once, before any test times a request.
    private static async Task WarmUpEcsAsync(Uri url, DateTime deadline)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(5, (deadline - DateTime.UtcNow).TotalSeconds)) };
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"moto_server's ECS answered ListClusters with {(int)response.StatusCode} while warming up.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "moto_server.exe", "moto_server.cmd" } : ["moto_server"];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}
