using System.IO.Compression;
using System.Text;

namespace SparkRecs.Warehouse.Tests.TestSupport;

/// <summary>A fresh folder under the system temp folder, deleted on dispose, with helpers to write test files.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sparkrecs-warehouse-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to a path relative to the folder, gzipped when it ends in .gz.</summary>
    public string Write(string relative, string text)
    {
        string full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        if (full.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(full);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(full, bytes);
        }
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a failing test's path; the temp folder is cleaned by the OS.
        }
    }
}
