namespace SparkRecs.Bench.ReaderRuns;

/// <summary>
/// Readers to time on the same inputs, run in turn (one round of every reader, then the next round)
/// so a change in the machine's load during the run touches all of them alike.
/// </summary>
public sealed class InterleavedPlan
{
    private readonly List<(Measurement Measurement, Func<Timing> Run)> _steps = [];

    /// <summary>The measurements, in the order they were added.</summary>
    public IReadOnlyList<Measurement> Measurements => [.. _steps.Select(s => s.Measurement)];

    /// <summary>
    /// Adds a reader. It runs once now: that warms up the JIT and the page cache, and gives the
    /// row count; the warm-up is not recorded.
    /// </summary>
    public Measurement Add(string name, string input, long bytes, Func<Timing> run)
    {
        var measurement = new Measurement(name, input, run().Rows, bytes);
        _steps.Add((measurement, run));
        return measurement;
    }

    /// <summary>Runs <paramref name="rounds"/> rounds, recording every timing.</summary>
    public void Run(int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            foreach ((Measurement measurement, Func<Timing> run) in _steps)
            {
                measurement.Add(run());
            }
        }
    }
}
