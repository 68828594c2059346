using System.Diagnostics;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Bench;

/// <summary>
/// A workload file loaded as the training structures every command needs: the user x item matrix
/// (CSR) and its compact transpose (item x user, the CSC view with one-byte value codes when the
/// values allow), with how long each step took.
/// </summary>
internal sealed class Workload
{
    private Workload(string name, CsrMatrix userItem, CompactCsrMatrix itemUser, double parseSeconds, double csrSeconds, double cscSeconds)
    {
        Name = name;
        UserItem = userItem;
        ItemUser = itemUser;
        ParseSeconds = parseSeconds;
        CsrSeconds = csrSeconds;
        CscSeconds = cscSeconds;
    }

    /// <summary>File name (without its folder), printed with every figure.</summary>
    public string Name { get; }

    /// <summary>Users x items, counts as values, duplicate lines summed.</summary>
    public CsrMatrix UserItem { get; }

    /// <summary>Items x users, the compact transpose of <see cref="UserItem"/>.</summary>
    public CompactCsrMatrix ItemUser { get; }

    /// <summary>Seconds to parse the file into coordinates.</summary>
    public double ParseSeconds { get; }

    /// <summary>Seconds to build <see cref="UserItem"/> from the coordinates.</summary>
    public double CsrSeconds { get; }

    /// <summary>Seconds to transpose it into <see cref="ItemUser"/>.</summary>
    public double CscSeconds { get; }

    /// <summary>Bytes of both matrices.</summary>
    public long MatrixBytes => UserItem.MemoryBytes + ItemUser.MemoryBytes;

    /// <summary>Parses <paramref name="path"/> and builds both matrices, then drops the coordinates.</summary>
    public static Workload Load(string path)
    {
        var clock = Stopwatch.StartNew();
        var triples = TripleFile.Read(path);
        double parse = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var userItem = CsrMatrix.FromCoordinates(triples.Rows, triples.Columns, triples.Users, triples.Items, triples.Values);
        double csr = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var itemUser = CompactCsrMatrix.TransposeOf(userItem);
        double csc = clock.Elapsed.TotalSeconds;
        GC.Collect();
        return new Workload(Path.GetFileName(path), userItem, itemUser, parse, csr, csc);
    }

    /// <summary>One line: file, shape, non-zeros, density, matrix memory and load times.</summary>
    public string Describe() =>
        $"{Name}: {UserItem.Rows:N0} users x {UserItem.Columns:N0} items, {UserItem.NonZeros:N0} non-zeros " +
        $"({100.0 * UserItem.NonZeros / ((double)UserItem.Rows * UserItem.Columns):0.000}% dense), {Codes()}; " +
        $"CSR + compact CSC {MatrixBytes / 1048576.0:N0} MiB ({(double)MatrixBytes / UserItem.NonZeros:0.00} bytes/non-zero); " +
        $"parsed in {ParseSeconds:0.0} s, CSR built in {CsrSeconds:0.00} s, compact CSC in {CscSeconds:0.00} s";

    private string Codes() => ItemUser.Encoding switch
    {
        ValueEncoding.Byte => $"{ItemUser.ValueTable.Length} distinct values (1-byte codes)",
        ValueEncoding.UInt16 => $"{ItemUser.ValueTable.Length} distinct values (2-byte codes)",
        _ => "over 65,536 distinct values (plain floats)",
    };
}
