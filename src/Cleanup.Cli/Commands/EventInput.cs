namespace Cleanup.Cli.Commands;

/// <summary>
/// Reads `invoke`'s event file the way Lambda would hand it over: at most <see cref="MaxBytes"/>, refused before
/// reading when the file says it is larger, and never more than that from a pipe or a device (/dev/zero). A FIFO
/// nobody writes to blocks in open(2), which no token can interrupt, so the read runs beside the command and the
/// command stops waiting when it is cancelled (Ctrl+C, SIGTERM).
/// </summary>
internal static class EventInput
{
    /// <summary>Lambda's invocation payload limit (6 MB, synchronous invoke and event source mappings alike).</summary>
    public const int MaxBytes = 6 * 1024 * 1024;

    private static readonly byte[] _bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The event's bytes (a UTF-8 BOM dropped), or the one line saying why there are none.</summary>
    public static async Task<(byte[]? Bytes, string? Problem)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (Directory.Exists(path))
            {
                return (null, $"cannot read {path}: it is a directory; pass an event file (see events/*.json)");
            }

            if (!file.Exists)
            {
                return (null, $"cannot read {path}: no such file");
            }

            // Refused before a byte is read. A pipe or a device says 0 whatever it holds: the read below is bounded.
            if (file.Length > MaxBytes)
            {
                return (null, TooLarge(path, $" ({file.Length} bytes)"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"cannot read {path}: {AwsFailure.Detail(ex.Message)}");
        }

        var read = Task.Run(() => ReadBounded(path, MaxBytes), CancellationToken.None);
        byte[]? bytes;
        try
        {
            bytes = await read.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {path}: {AwsFailure.Detail(ex.Message)}");
        }

        return bytes switch
        {
            null => (null, TooLarge(path, string.Empty)),
            _ when bytes.AsSpan().StartsWith(_bom) => (bytes[_bom.Length..], null),
            _ => (bytes, null),
        };
    }

    /// <summary>At most <paramref name="max"/> bytes, or null when there are more: never more than max + 1 are read.</summary>
    internal static byte[]? ReadBounded(string path, int max)
    {
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite });
        var buffer = new byte[64 * 1024];
        using var content = new MemoryStream();
        int n;
        while ((n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, max + 1L - content.Length))) > 0)
        {
            content.Write(buffer, 0, n);
            if (content.Length > max)
            {
                return null;
            }
        }

        return content.ToArray();
    }

    private static string TooLarge(string path, string size) =>
        $"cannot read {path}: it is larger than {MaxBytes} bytes{size}, Lambda's 6 MB payload limit, so the function could never receive it";
}
