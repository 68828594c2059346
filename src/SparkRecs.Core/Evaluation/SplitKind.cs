using System.Text.Json.Serialization;

namespace SparkRecs.Core.Evaluation;

/// <summary>How an <see cref="EvaluationSplit"/> separated training from test events.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SplitKind>))]
public enum SplitKind
{
    /// <summary>One global cutoff T: train t &lt; T, test T &lt;= t &lt; T + horizon. No leakage across users.</summary>
    [JsonStringEnumMemberName("global_temporal")]
    GlobalTemporal,

    /// <summary>
    /// Each user's last fraction of events (by time) held out. Later events of other users reach
    /// training, so this is not a leak-free forecast; it has more evaluable users.
    /// </summary>
    [JsonStringEnumMemberName("per_user_last_fraction")]
    PerUserLastFraction,

    /// <summary>Each user's last n events (by time) held out; same caveat as <see cref="PerUserLastFraction"/>.</summary>
    [JsonStringEnumMemberName("per_user_last_n")]
    PerUserLastN,
}
