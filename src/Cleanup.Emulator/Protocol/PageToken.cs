using System.Globalization;
using System.Text;

namespace Cleanup.Emulator.Protocol;

/// <summary>
/// Opaque NextToken. It carries the creation sequence of the last item returned rather than an offset, so items
/// deleted between pages (a cleanup loop deregistering while it lists) never make the next page skip survivors.
/// </summary>
internal static class PageToken
{
    public static string Encode(string scope, long lastSequence) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1|{scope}|{lastSequence.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Returns the sequence after which the next page starts; 0 when there is no token.</summary>
    public static long Decode(string scope, string? token)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length == 3 && parts[0] == "v1" && parts[1] == scope
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
            // Falls through to the AWS error below.
        }

        throw new AwsErrorException("InvalidNextToken", "The specified token isn't valid.");
    }

    /// <summary>Cuts one page out of items already sorted by sequence.</summary>
    public static (List<T> Page, string? NextToken) Paginate<T>(string scope, IEnumerable<T> sorted, Func<T, long> sequenceOf, string? token, int pageSize)
    {
        var after = Decode(scope, token);
        var remaining = sorted.Where(i => sequenceOf(i) > after).Take(pageSize + 1).ToList();
        if (remaining.Count <= pageSize)
        {
            return (remaining, null);
        }

        var page = remaining.GetRange(0, pageSize);
        return (page, Encode(scope, sequenceOf(page[^1])));
    }
}
