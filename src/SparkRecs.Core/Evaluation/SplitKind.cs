namespace SparkRecs.Core.Evaluation;

/// <summary>How an <see cref="EvaluationSplit"/> separated training from test events.</summary>
public enum SplitKind
{
    /// <summary>One global cutoff T: train t &lt; T, test T &lt;= t &lt; T + horizon. No leakage across users.</summary>
    GlobalTemporal,

    /// <summary>
    /// Each user's last fraction of events (by time) held out. Later events of other users reach
    /// training, so this is not a leak-free forecast; it has more evaluable users.
    /// </summary>
    PerUserLastFraction,

    /// <summary>Each user's last n events (by time) held out; same caveat as <see cref="PerUserLastFraction"/>.</summary>
    PerUserLastN,
}
