using System.Net;
using Cleanup.Emulator.Ecs;
using Cleanup.Emulator.Protocol;
using Cleanup.Emulator.Ssm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cleanup.Emulator;

/// <summary>
/// A local AWS endpoint (AWS JSON 1.1 over HTTP on 127.0.0.1) that speaks the SSM operations Cleanup needs plus the
/// agent's registration and ping calls, and the ECS task operations (see <see cref="EcsState"/>). Point SDK clients at <see cref="Url"/> via ServiceURL.
/// </summary>
public sealed class AwsEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AwsEmulator(WebApplication app, Uri url, EmulatorOptions options, SsmState ssm, EcsState ecs, FaultInjector faults, RateLimiter rateLimits, CallLog calls)
    {
        _app = app;
        Url = url;
        Options = options;
        Ssm = ssm;
        Ecs = ecs;
        Faults = faults;
        RateLimits = rateLimits;
        Calls = calls;
    }

    /// <summary>Base address, e.g. http://127.0.0.1:43121/.</summary>
    public Uri Url { get; }

    public EmulatorOptions Options { get; }

    public SsmState Ssm { get; }

    public EcsState Ecs { get; }

    public FaultInjector Faults { get; }

    /// <summary>Per-operation request quotas; starts as <see cref="EmulatorOptions.RateLimit"/> and can be changed while running.</summary>
    public RateLimiter RateLimits { get; }

    public CallLog Calls { get; }

    /// <summary>Where <c>GET</c> returns the <see cref="CallLog"/> summary as JSON, e.g. http://127.0.0.1:43121/_emulator/calls.</summary>
    public Uri CallsUrl => new(Url, CallLogEndpoint.Path.TrimStart('/'));

    public static async Task<AwsEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var ssm = new SsmState(options);
        var ecs = new EcsState(options);
        var faults = new FaultInjector();
        var rateLimits = new RateLimiter(options.RateLimit, options.RateLimitClock);
        var calls = new CallLog();
        var endpoint = new JsonProtocolEndpoint([new SsmService(ssm, options), new EcsService(ecs)], faults, rateLimits, calls, options.Clock, options.Region);
        var callsEndpoint = new CallLogEndpoint(calls);
        var sts = new StsQueryEndpoint(options, calls);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Loopback only: the emulator accepts any signature, so it must never be reachable from the network.
        if (!IPAddress.IsLoopback(options.Host))
        {
            throw new ArgumentException($"The emulator listens on loopback addresses only, not {options.Host}.", nameof(options));
        }

        builder.WebHost.UseKestrel(k => k.Listen(options.Host, options.Port));
        var app = builder.Build();
        app.MapWhen(c => c.Request.Path == CallLogEndpoint.Path, branch => branch.Run(callsEndpoint.HandleAsync));
        app.MapWhen(StsQueryEndpoint.Handles, branch => branch.Run(sts.HandleAsync));
        app.Run(endpoint.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new PortInUseException(options.Host, options.Port, ex);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AwsEmulator(app, new Uri(address.TrimEnd('/') + "/"), options, ssm, ecs, faults, rateLimits, calls);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
