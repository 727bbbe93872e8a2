using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cleanup.Emulator.Protocol;

/// <summary>
/// <c>GET /_emulator/calls</c>: the <see cref="CallLog"/> summary for tools outside the process (a bench, a shell).
/// Read-only, and deliberately not an AWS operation, so reading it never shows up in the counts it reports.
/// </summary>
internal sealed class CallLogEndpoint(CallLog calls)
{
    public const string Path = "/_emulator/calls";

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = HttpMethods.Get;
            return;
        }

        var summary = calls.Summary();
        var operations = new JsonObject();
        foreach (var (operation, counts) in summary.Operations)
        {
            operations[operation] = Render(counts);
        }

        var body = new JsonObject { ["total"] = Render(summary.Total), ["operations"] = operations };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject Render(CallCounts counts) =>
        new() { ["calls"] = counts.Calls, ["throttled"] = counts.Throttled, ["errors"] = counts.Errors };
}
