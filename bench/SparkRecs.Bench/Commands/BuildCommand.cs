using System.Diagnostics;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Bench.Commands;

/// <summary>
/// <c>build</c>: parses the workload once, then times building the user x item CSR matrix from the
/// coordinates (two counting sorts, duplicates summed), its float transpose (the item x user CSC
/// view) and its compact transpose (value codes, what ALS trains on) several times, and reports the
/// memory of each structure.
/// </summary>
internal static class BuildCommand
{
    public static readonly string[] Options = ["input", "iterations"];

    public static int Run(BenchArguments args)
    {
        string input = args.InputFile();
        int iterations = args.Integer("iterations", 3, 1, 100);
        Report.Machine("build");

        var clock = Stopwatch.StartNew();
        var triples = TripleFile.Read(input);
        double parseSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"workload  {Path.GetFileName(input)}: {triples.Count:N0} lines, {triples.Rows:N0} users x {triples.Columns:N0} items; parsed in {parseSeconds:0.00} s ({triples.Count / parseSeconds / 1e6:0.0} M lines/s)");

        var csrSeconds = new Timings();
        var cscSeconds = new Timings();
        var compactSeconds = new Timings();
        CsrMatrix? userItem = null, itemUser = null;
        CompactCsrMatrix? compact = null;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            userItem = itemUser = null;
            compact = null;
            GC.Collect();
            clock.Restart();
            userItem = CsrMatrix.FromCoordinates(triples.Rows, triples.Columns, triples.Users, triples.Items, triples.Values);
            csrSeconds.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            itemUser = userItem.Transpose();
            cscSeconds.Add(clock.Elapsed.TotalSeconds);
            itemUser = null;
            GC.Collect();
            clock.Restart();
            compact = CompactCsrMatrix.TransposeOf(userItem);
            compactSeconds.Add(clock.Elapsed.TotalSeconds);
            itemUser = userItem.Transpose(); // kept for the memory line
        }

        long nonZeros = userItem!.NonZeros;
        Console.WriteLine();
        Console.WriteLine($"CSR/CSC construction, {nonZeros:N0} non-zeros after summing duplicates, single-threaded");
        Console.WriteLine($"  CSR from coordinates  {csrSeconds.Describe("0.000")} s ({nonZeros / csrSeconds.Median / 1e6:0.0} M non-zeros/s)");
        Console.WriteLine($"  CSC by transpose      {cscSeconds.Describe("0.000")} s ({nonZeros / cscSeconds.Median / 1e6:0.0} M non-zeros/s)");
        Console.WriteLine($"  compact CSC           {compactSeconds.Describe("0.000")} s ({nonZeros / compactSeconds.Median / 1e6:0.0} M non-zeros/s), {compact!.Encoding} codes, {compact.ValueTable.Length} distinct values");
        Console.WriteLine($"  coordinates  {triples.MemoryBytes / 1048576.0,8:N0} MiB  {(double)triples.MemoryBytes / triples.Count,5:0.0} bytes/line");
        Console.WriteLine($"  CSR          {userItem.MemoryBytes / 1048576.0,8:N0} MiB  {(double)userItem.MemoryBytes / nonZeros,5:0.0} bytes/non-zero");
        Console.WriteLine($"  CSC          {itemUser!.MemoryBytes / 1048576.0,8:N0} MiB  {(double)itemUser.MemoryBytes / nonZeros,5:0.0} bytes/non-zero");
        Console.WriteLine($"  compact CSC  {compact.MemoryBytes / 1048576.0,8:N0} MiB  {(double)compact.MemoryBytes / nonZeros,5:0.0} bytes/non-zero");
        Console.WriteLine($"  peak memory  {MachineInfo.PeakMemoryMiB(),8:N0} MiB (process, parse buffers included)");
        return 0;
    }
}
