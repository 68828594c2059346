using System.Diagnostics;

namespace SparkRecs.Pipeline.Engines;

/// <summary>
/// Wall seconds per stage of one run, as the run summary and <see cref="JobResult.Timings"/> report
/// them. A stage timed more than once (e.g. <c>train</c> for the evaluation and the serving model)
/// adds up; figures are rounded to milliseconds.
/// </summary>
public sealed class StageTimings
{
    private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);

    /// <summary>Seconds per stage so far.</summary>
    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    /// <summary>Runs <paramref name="work"/> and adds its wall time to <paramref name="stage"/>, also when it throws.</summary>
    public T Time<T>(string stage, Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            Add(stage, start);
        }
    }

    /// <summary>Awaits <paramref name="work"/> and adds its wall time to <paramref name="stage"/>, also when it throws.</summary>
    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            Add(stage, start);
        }
    }

    private void Add(string stage, long start)
        => _seconds[stage] = _seconds.GetValueOrDefault(stage) + Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 3);
}
