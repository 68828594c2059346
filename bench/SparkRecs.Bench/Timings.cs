namespace SparkRecs.Bench;

/// <summary>
/// Repeated measurements of one quantity (seconds, rates), summarised by the median: on a shared
/// machine one slow repetition (another job's burst) moves the mean but not the median.
/// </summary>
internal sealed class Timings
{
    private readonly List<double> _values = [];

    /// <summary>Number of measurements.</summary>
    public int Count => _values.Count;

    /// <summary>Smallest measurement.</summary>
    public double Min => _values.Min();

    /// <summary>Largest measurement.</summary>
    public double Max => _values.Max();

    /// <summary>The middle measurement (mean of the two middle ones for an even count).</summary>
    public double Median
    {
        get
        {
            if (_values.Count == 0)
            {
                return double.NaN;
            }
            var sorted = _values.Order().ToArray();
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /// <summary>Records one measurement.</summary>
    public void Add(double value) => _values.Add(value);

    /// <summary>Adds every measurement of this set to <paramref name="other"/>.</summary>
    public void CopyTo(Timings other) => other._values.AddRange(_values);

    /// <summary>"median (min .. max, n = count)" with the given number format.</summary>
    public string Describe(string format) =>
        Count == 1 ? Median.ToString(format) : $"{Median.ToString(format)} (min {Min.ToString(format)}, max {Max.ToString(format)}, n = {Count})";
}
