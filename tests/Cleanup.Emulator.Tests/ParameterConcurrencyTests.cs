using Amazon.SimpleSystemsManagement.Model;
using Cleanup.Emulator.Tests.Support;

namespace Cleanup.Emulator.Tests;

/// <summary>
/// Callers build compare-and-swap on PutParameter: "create unless it exists" to take a lease, and "the version my
/// overwrite got is the one I read plus one" to renew it. Both hold only if concurrent puts are serialised.
/// </summary>
public sealed class ParameterConcurrencyTests : ParameterStoreTest
{
    private const int Writers = 20;

    [Fact]
    public async Task ParallelCreatesOfOneName_ExactlyOneSucceeds()
    {
        await WarmUpAsync();

        var outcomes = await AllAtOnceAsync(async i =>
        {
            try
            {
                await PutAsync(Lease, $"owner-{i}");
                return $"owner-{i}";
            }
            catch (ParameterAlreadyExistsException)
            {
                return null;
            }
        });

        var winner = Assert.Single(outcomes, o => o is not null);
        var stored = await GetAsync(Lease);
        Assert.Equal((winner, 1L), (stored.Value, stored.Version));
    }

    [Fact]
    public async Task ParallelOverwrites_EachGetsItsOwnVersion()
    {
        await WarmUpAsync();
        await PutAsync(Lease, "v1");

        var versions = await AllAtOnceAsync(async i => (await PutAsync(Lease, $"w{i}", overwrite: true)).Version ?? 0);

        Assert.Equal(Enumerable.Range(2, Writers).Select(v => (long)v), versions.Order());
        // Whoever got the highest version wrote the value that is now current.
        var last = Array.IndexOf(versions, (long)Writers + 1);
        Assert.Equal($"w{last}", (await GetAsync(Lease)).Value);
        Assert.Equal(Writers + 1, (await HistoryAsync(Lease)).Count);
    }

    /// <summary>
    /// The first PutParameter a client sends initialises its request marshalling while the others wait, and a
    /// writer that finds a pooled connection beats one that opens its own: either head start hides a race. Parallel
    /// puts elsewhere first leave every writer equal.
    /// </summary>
    private async Task WarmUpAsync() => await AllAtOnceAsync(i => PutAsync($"/warm-up/{i}", "x"));

    /// <summary>Starts every writer, then releases them together so their puts overlap on the server.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(Func<int, Task<T>> write)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await write(i);
        })).ToList();
        go.SetResult();
        return await Task.WhenAll(writers);
    }
}
