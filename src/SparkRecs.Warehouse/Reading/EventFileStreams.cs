using System.Text;

namespace SparkRecs.Warehouse.Reading;

/// <summary>Opens event files for sequential reading, decompressing <c>.gz</c> transparently.</summary>
public static class EventFileStreams
{
    private const int FileBufferBytes = 1 << 16;

    /// <summary>True when <paramref name="path"/> ends in <c>.gz</c>.</summary>
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's extension ignoring a trailing <c>.gz</c> (<c>part-0.csv.gz</c> gives <c>.csv</c>), lower case.</summary>
    public static string DataExtension(string path)
    {
        string name = IsGzip(path) ? path[..^3] : path;
        return Path.GetExtension(name).ToLowerInvariant();
    }

    /// <summary>
    /// Opens <paramref name="path"/> and returns the (decompressed) content stream and the underlying
    /// file stream, whose <see cref="Stream.Position"/> tells the stored bytes consumed. Reading a
    /// corrupt or truncated <c>.gz</c> file throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static Stream OpenContent(string path, out FileStream file)
    {
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes, FileOptions.SequentialScan);
        if (!IsGzip(path) || file.Length == 0)
        {
            return file; // an empty .gz holds no rows, like an empty text file
        }
        try
        {
            return new GzipTrailerCheckingStream(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> as UTF-8 text (a byte-order mark selects another Unicode encoding).</summary>
    public static StreamReader OpenText(string path, out FileStream file)
        => new(OpenContent(path, out file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, FileBufferBytes);
}
