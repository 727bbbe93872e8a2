using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cleanup.Container.Tests.Support;

/// <summary>
/// A fake ECS task metadata endpoint v4 on 127.0.0.1: <see cref="Uri"/> plays ECS_CONTAINER_METADATA_URI_V4 and
/// <c>{Uri}/task</c> answers the task document.
/// </summary>
public sealed class MetadataServer : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    private readonly WebApplication _app;
    private int _requests;

    private MetadataServer(WebApplication app, string taskJson)
    {
        _app = app;
        TaskJson = taskJson;
    }

    public Uri Uri { get; private set; } = null!;

    public string TaskJson { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<MetadataServer> StartAsync(string taskJson)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new MetadataServer(app, taskJson);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Uri = new Uri(address.TrimEnd('/') + "/v4/0123456789abcdef-app");
        return server;
    }

    /// <summary>A task document shaped like Fargate's (pretty-printed, nested containers with ECS labels).</summary>
    public static string Task(string taskArn, string cluster) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object>
            {
                ["Cluster"] = cluster,
                ["TaskARN"] = taskArn,
                ["Family"] = "shell",
                ["Revision"] = "3",
                ["DesiredStatus"] = "RUNNING",
                ["KnownStatus"] = "RUNNING",
                ["Limits"] = new Dictionary<string, object> { ["CPU"] = 0.25, ["Memory"] = 512 },
                ["AvailabilityZone"] = "us-east-1a",
                ["LaunchType"] = "FARGATE",
                ["Containers"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["DockerId"] = "0123456789abcdef-app",
                        ["Name"] = "app",
                        ["Labels"] = new Dictionary<string, string>
                        {
                            ["com.amazonaws.ecs.cluster"] = cluster,
                            ["com.amazonaws.ecs.task-arn"] = taskArn,
                            ["com.amazonaws.ecs.container-name"] = "app",
                        },
                        ["Networks"] = new[]
                        {
                            new Dictionary<string, object> { ["NetworkMode"] = "awsvpc", ["IPv4Addresses"] = new[] { "10.0.1.17" } },
                        },
                    },
                },
            },
            new JsonSerializerOptions { WriteIndented = true });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (context.Request.Method == "GET" && context.Request.Path == Uri.AbsolutePath + "/task")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(TaskJson);
            return;
        }

        context.Response.StatusCode = 404;
    }
}
