using System.Buffers;

namespace Cleanup.Domain;

/// <summary>
/// The grammar the ECS ARN records share, arn:PARTITION:ecs:REGION:ACCOUNT:TYPE/…, read over spans: the planner
/// parses two ARNs per item, so a rejection costs no allocation and an acceptance only the parts it keeps. Nothing
/// may follow the resource (a regex's <c>$</c> would let a trailing newline through).
/// </summary>
internal static class EcsArnSyntax
{
    private static readonly SearchValues<char> _lower = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");
    private static readonly SearchValues<char> _digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> _clusterName = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
    private static readonly SearchValues<char> _taskId = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>
    /// Reads arn:PARTITION:ecs:REGION:ACCOUNT:<paramref name="resourceType"/> and returns where the resource's name
    /// starts, or -1. PARTITION is aws(-[a-z]+)*, REGION [a-z]{2}(-[a-z]+)+-[0-9]+, ACCOUNT [0-9]{12}.
    /// </summary>
    public static int ReadHead(string value, string resourceType, out Range partition, out Range region, out Range account)
    {
        partition = region = account = default;
        var span = value.AsSpan();
        if (!span.StartsWith("arn:", StringComparison.Ordinal))
        {
            return -1;
        }

        var at = 4;
        if (!Field(span, ref at, out partition) || !IsPartition(span[partition]))
        {
            return -1;
        }

        if (!span[at..].StartsWith("ecs:", StringComparison.Ordinal))
        {
            return -1;
        }

        at += 4;
        if (!Field(span, ref at, out region) || !IsRegion(span[region]) ||
            !Field(span, ref at, out account) || !IsAccount(span[account]) ||
            !span[at..].StartsWith(resourceType, StringComparison.Ordinal))
        {
            return -1;
        }

        return at + resourceType.Length;
    }

    /// <summary>
    /// Reads a task ARN, arn:…:task/([A-Za-z0-9_-]{1,255}/)?[A-Za-z0-9-]{1,64}, into the ranges of its parts without
    /// allocating: the planner reads one per item and only needs to compare the parts.
    /// </summary>
    public static bool TryReadTask(string value, out TaskParts parts)
    {
        parts = default;
        var start = ReadHead(value, "task/", out var partition, out var region, out var account);
        if (start < 0)
        {
            return false;
        }

        var slash = value.AsSpan(start).IndexOf('/');
        Range? cluster = slash < 0 ? null : start..(start + slash);
        var id = (slash < 0 ? start : start + slash + 1)..;
        if ((cluster is { } name && !IsClusterName(value.AsSpan()[name])) || !IsTaskId(value.AsSpan()[id]))
        {
            return false;
        }

        parts = new TaskParts(partition, region, account, cluster, id);
        return true;
    }

    /// <summary>[A-Za-z0-9_-]{1,255}.</summary>
    public static bool IsClusterName(ReadOnlySpan<char> name) =>
        name.Length is >= 1 and <= 255 && !name.ContainsAnyExcept(_clusterName);

    /// <summary>[A-Za-z0-9-]{1,64}.</summary>
    public static bool IsTaskId(ReadOnlySpan<char> id) =>
        id.Length is >= 1 and <= 64 && !id.ContainsAnyExcept(_taskId);

    /// <summary>The partition as a string, without allocating one for the partitions that exist.</summary>
    public static string Partition(ReadOnlySpan<char> partition) => partition switch
    {
        "aws" => "aws",
        "aws-cn" => "aws-cn",
        "aws-us-gov" => "aws-us-gov",
        _ => partition.ToString(),
    };

    // The field from `at` up to the next ':', which is skipped.
    private static bool Field(ReadOnlySpan<char> span, ref int at, out Range field)
    {
        var length = span[at..].IndexOf(':');
        field = length < 0 ? default : at..(at + length);
        at += length + 1;
        return length >= 0;
    }

    // aws(-[a-z]+)*
    private static bool IsPartition(ReadOnlySpan<char> partition) =>
        partition.StartsWith("aws", StringComparison.Ordinal) &&
        (partition.Length == 3 || (partition[3] == '-' && IsDashedWords(partition[4..])));

    // [a-z]{2}(-[a-z]+)+-[0-9]+
    private static bool IsRegion(ReadOnlySpan<char> region)
    {
        var last = region.LastIndexOf('-');
        return last > 3 &&
            region[2] == '-' && !region[..2].ContainsAnyExcept(_lower) &&
            IsDashedWords(region[3..last]) &&
            region.Length > last + 1 && !region[(last + 1)..].ContainsAnyExcept(_digits);
    }

    // [0-9]{12}
    private static bool IsAccount(ReadOnlySpan<char> account) => account.Length == 12 && !account.ContainsAnyExcept(_digits);

    // [a-z]+(-[a-z]+)*: words of lowercase letters joined by single dashes.
    private static bool IsDashedWords(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var dash = text.IndexOf('-');
            var word = dash < 0 ? text : text[..dash];
            if (word.IsEmpty || word.ContainsAnyExcept(_lower))
            {
                return false;
            }

            if (dash < 0)
            {
                return true;
            }

            text = text[(dash + 1)..];
        }
    }

    /// <summary>Where each part of a task ARN is; <see cref="Cluster"/> is null in the old format.</summary>
    public readonly record struct TaskParts(Range Partition, Range Region, Range Account, Range? Cluster, Range Id);
}
