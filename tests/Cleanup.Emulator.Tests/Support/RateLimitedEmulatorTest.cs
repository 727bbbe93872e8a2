using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;

namespace Cleanup.Emulator.Tests.Support;

/// <summary>
/// A fresh emulator whose rate-limit buckets run on their own manual clock (<see cref="Bucket"/>), apart from the
/// lifecycle clock, so refills happen exactly when a test advances it. Quotas start off; tests switch them on.
/// </summary>
public abstract class RateLimitedEmulatorTest : IAsyncLifetime, IDisposable
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new();
    private AwsEmulator? _emulator;

    protected ManualClock Bucket { get; } = new(Start);

    protected ManualClock Clock { get; } = new(Start);

    protected AwsEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _emulator = await StartAsync(rateLimit: null);

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another emulator on the same clocks, for tests about options given at start.</summary>
    protected Task<AwsEmulator> StartAsync(RateLimit? rateLimit) =>
        AwsEmulator.StartAsync(new EmulatorOptions { Clock = Clock, RateLimitClock = Bucket, RateLimit = rateLimit });

    /// <summary>"ok" or the error code of one call to an SSM (or, with the prefix, ECS) operation.</summary>
    protected Task<string> CallAsync(string operation, string json = "{}", AwsEmulator? emulator = null) =>
        RawAws.OutcomeAsync(_http, (emulator ?? Emulator).Url, operation.Contains('.', StringComparison.Ordinal) ? operation : RawAws.Ssm + operation, json);

    /// <summary>The outcomes of <paramref name="times"/> calls in a row.</summary>
    protected async Task<List<string>> CallsAsync(string operation, int times)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < times; i++)
        {
            outcomes.Add(await CallAsync(operation));
        }

        return outcomes;
    }

    protected AmazonSimpleSystemsManagementClient NewClient(int maxErrorRetry, HttpClientFactory? http = null) =>
        new(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = Emulator.Url.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
            HttpClientFactory = http,
        });
}
