using System.Text.Json;
using Amazon.Runtime;
using Cleanup.Inventory;

namespace Cleanup.Aws;

/// <summary>What every adapter does to every call: read all pages, and turn SDK failures into our exception.</summary>
internal static class AwsCalls
{
    /// <summary>
    /// A partial read is never enough to act on, so every listing follows its next token to the end. A token that comes
    /// back unchanged would loop until the time budget (forever in a CLI without one): it is an unusable answer.
    /// </summary>
    public static async Task<IReadOnlyList<T>> ReadAllPagesAsync<T>(Func<string?, Task<(IEnumerable<T> Items, string? NextToken)>> readPage)
    {
        var items = new List<T>();
        string? token = null;
        do
        {
            var asked = token;
            (var page, token) = await readPage(token);
            items.AddRange(page);
            if (!string.IsNullOrEmpty(token) && string.Equals(token, asked, StringComparison.Ordinal))
            {
                throw new RegistryException("InvalidResponse", "the listing answered with the same NextToken it was asked with");
            }
        }
        while (!string.IsNullOrEmpty(token));

        return items;
    }

    /// <summary>
    /// Runs one call after the SDK's own retries: service errors keep their AWS code, network failures and timeouts
    /// become ClientError, an unreadable answer InvalidResponse.
    /// </summary>
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The SDK's own HTTP timeout surfaces as a cancellation nobody asked for: a failed call, not a stop.
            throw new RegistryException("Timeout", $"the call timed out: {ex.Message}", ex);
        }
        catch (AmazonServiceException ex)
        {
            throw new RegistryException(ex.ErrorCode ?? ex.GetType().Name, ex.Message, ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException)
        {
            throw new RegistryException("ClientError", ex.Message, ex);
        }
        catch (JsonException ex)
        {
            throw new RegistryException("InvalidResponse", ex.Message, ex);
        }
    }
}
