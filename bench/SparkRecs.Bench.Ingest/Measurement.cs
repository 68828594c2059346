using System.Globalization;

namespace SparkRecs.Bench.Ingest;

/// <summary>Repeated timings of one reader on one input: rows and stored bytes per run, seconds per run.</summary>
internal sealed class Measurement(string name, string input, long rows, long bytes)
{
    private readonly List<double> _seconds = [];

    public string Name { get; } = name;

    public string Input { get; } = input;

    public long Rows { get; } = rows;

    public long Bytes { get; } = bytes;

    public double MedianSeconds
    {
        get
        {
            double[] sorted = [.. _seconds.Order()];
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double RowsPerSecond => Rows / MedianSeconds;

    public double MegabytesPerSecond => Bytes / 1e6 / MedianSeconds;

    public void Add(double seconds) => _seconds.Add(seconds);

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name,-44} | {Input,-12} | {MedianSeconds,8:0.00} | {RowsPerSecond / 1e6,8:0.00} | {MegabytesPerSecond,7:0.0} | {string.Join(" ", _seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} |");
}
