using Microsoft.Extensions.Logging;
using SparkRecs.Pipeline.Config;

namespace SparkRecs.Pipeline.Scheduling;

/// <summary>
/// What the scheduled job shares with its host: the configuration, the work, the log, the firing
/// count and the outcomes. One per host; the job instances Quartz creates per firing read it.
/// </summary>
internal sealed class ScheduleRunState(JobConfig config, FiringWork work, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly List<FiringOutcome> _outcomes = [];
    private readonly TaskCompletionSource _maxRunsReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public JobConfig Config { get; } = config;

    public FiringWork Work { get; } = work;

    public ILogger Logger { get; } = logger;

    /// <summary>Completes when <c>schedule:maxRuns</c> firings have finished (never when it is 0).</summary>
    public Task MaxRunsReached => _maxRunsReached.Task;

    public IReadOnlyList<FiringOutcome> Outcomes
    {
        get
        {
            lock (_gate)
            {
                return [.. _outcomes];
            }
        }
    }

    /// <summary>Numbers a new firing, or returns 0 when <c>schedule:maxRuns</c> firings have already started.</summary>
    public int TryBeginFiring()
    {
        lock (_gate)
        {
            int max = Config.Schedule.MaxRuns;
            if (max > 0 && _started >= max)
            {
                return 0;
            }
            return ++_started;
        }
    }

    /// <summary>The number the next firing would get (for the log of a refused one).</summary>
    public int Started
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

    public void Record(FiringOutcome outcome)
    {
        bool done;
        lock (_gate)
        {
            _outcomes.Add(outcome);
            done = Config.Schedule.MaxRuns > 0 && _outcomes.Count >= Config.Schedule.MaxRuns;
        }
        if (done)
        {
            _maxRunsReached.TrySetResult();
        }
    }
}
