using System.Net;
using Amazon.Runtime;

namespace Cleanup.Emulator.Tests.Support;

/// <summary>
/// Stands for the time an SDK spends backing off after a throttle: each throttled answer moves the bucket clock by
/// <paramref name="backoff"/> before the SDK sees it, so its retry meets a refilled bucket without a real wait.
/// </summary>
public sealed class ThrottleAdvancesClock(ManualClock clock, TimeSpan backoff) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Advancing(clock, backoff) { InnerHandler = new HttpClientHandler() });

    private sealed class Advancing(ManualClock clock, TimeSpan backoff) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest
                && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("ThrottlingException", StringComparison.Ordinal))
            {
                clock.Advance(backoff);
            }

            return response;
        }
    }
}
