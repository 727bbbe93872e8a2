using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Cleanup.Emulator.Protocol;

/// <summary>
/// The AWS JSON 1.1 front door: routes on X-Amz-Target, checks for a signature, enforces the rate limit, applies
/// injected faults, parses the body, and renders results and errors. Every request ends up in the <see cref="CallLog"/>.
/// </summary>
internal sealed class JsonProtocolEndpoint(IReadOnlyList<IAwsService> services, FaultInjector faults, RateLimiter rateLimits, CallLog calls, TimeProvider clock, string region)
{
    private const string ContentType = "application/x-amz-json-1.1";

    public async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var (service, operation) = Route(target);
        var status = 200;
        string? errorCode = null;
        try
        {
            var result = await RunAsync(context, service, operation).ConfigureAwait(false);
            await WriteAsync(context, 200, result).ConfigureAwait(false);
        }
        catch (AwsErrorException error)
        {
            (status, errorCode) = (error.StatusCode, error.Code);
            await WriteAsync(context, status, new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            (status, errorCode) = (499, "ClientClosedRequest");
        }
#pragma warning disable CA1031 // A bug in an operation must reach the client as AWS's 500, not kill the connection.
        catch (Exception)
#pragma warning restore CA1031
        {
            (status, errorCode) = (500, "InternalServerError");
            await WriteAsync(context, 500, new JsonObject { ["__type"] = "InternalServerError", ["message"] = "Emulator failure" }).ConfigureAwait(false);
        }
        finally
        {
            calls.Record(new RecordedCall(operation, status, errorCode, clock.GetUtcNow()));
        }
    }

    private (IAwsService? Service, string Operation) Route(string target)
    {
        var dot = target.LastIndexOf('.');
        if (dot <= 0)
        {
            return (null, target);
        }

        var prefix = target[..dot];
        var operation = target[(dot + 1)..];
        var service = services.FirstOrDefault(s => s.TargetPrefix == prefix);
        return (service is not null && service.Knows(operation) ? service : null, operation);
    }

    private async Task<JsonObject> RunAsync(HttpContext context, IAwsService? service, string operation)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/")
        {
            throw new AwsErrorException("UnknownOperationException", "AWS JSON 1.1 requests are POST /", 404);
        }

        if (service is null)
        {
            throw new AwsErrorException("UnknownOperationException", "The X-Amz-Target header names no known operation.");
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!service.AllowsUnsigned(operation) && string.IsNullOrEmpty(authorization))
        {
            throw new AwsErrorException("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (SigningRegion.IsForeign(authorization, region, out var signedFor))
        {
            throw new AwsErrorException("InvalidSignatureException", SigningRegion.Refusal(signedFor, region), 403);
        }

        // Over-quota calls are turned away at the door, as AWS does, so injected faults count only calls that got in.
        // The answer matches FaultInjector's throttle, which AWS SDKs recognise and retry with backoff.
        if (!rateLimits.TryAcquire(operation))
        {
            throw new AwsErrorException(CallLog.Throttling, "Rate exceeded");
        }

        var action = $"{service.IamPrefix}:{operation}";
        var (latency, fault) = faults.Evaluate(operation, action);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (fault is not null)
        {
            throw fault;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (faults.EvaluateRequest(operation, action, field => body[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null) is { } denied)
        {
            throw denied;
        }

        return service.Invoke(operation, new RequestInput(body));
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            // Some clients omit an empty body; AWS treats that like "{}".
            return [];
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject
                ?? throw new AwsErrorException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new AwsErrorException("SerializationException", "The request body is not valid JSON.");
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
