using System.Globalization;

namespace SparkRecs.Bench.ReaderRuns;

/// <summary>Repeated timings of one reader on one input: rows and stored bytes per run, wall-clock and CPU seconds per run.</summary>
public sealed class Measurement(string name, string input, long rows, long bytes)
{
    private readonly List<double> _seconds = [];
    private readonly List<double> _cpuSeconds = [];

    public string Name { get; } = name;

    public string Input { get; } = input;

    public long Rows { get; } = rows;

    public long Bytes { get; } = bytes;

    public double MedianSeconds => Median(_seconds);

    /// <summary>Median CPU seconds of the process doing the work (all its threads): steadier than wall-clock time on a loaded machine.</summary>
    public double MedianCpuSeconds => Median(_cpuSeconds);

    public double RowsPerSecond => Rows / MedianSeconds;

    public double MegabytesPerSecond => Bytes / 1e6 / MedianSeconds;

    /// <summary>Rows per CPU second (per core busy), the efficiency a loaded machine cannot distort much.</summary>
    public double RowsPerCpuSecond => Rows / MedianCpuSeconds;

    public void Add(Timing timing)
    {
        _seconds.Add(timing.Seconds);
        _cpuSeconds.Add(timing.CpuSeconds);
    }

    /// <summary>Prints <paramref name="measurements"/> as a Markdown table, one <see cref="Row"/> each, after the header.</summary>
    public static void PrintTable(IEnumerable<Measurement> measurements)
    {
        Console.WriteLine("| reader | input | wall s | M rows/s | MB/s | CPU s | M rows/CPU s | wall s per run |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (Measurement measurement in measurements)
        {
            Console.WriteLine(measurement.Row());
        }
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name,-44} | {Input,-8} | {MedianSeconds,6:0.00} | {RowsPerSecond / 1e6,6:0.00} | {MegabytesPerSecond,6:0.0} | {MedianCpuSeconds,6:0.00} | {RowsPerCpuSecond / 1e6,6:0.00} | {string.Join(" ", _seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} |");

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
