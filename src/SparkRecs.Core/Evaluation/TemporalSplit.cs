using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Splits an interaction table into training and test windows by time. The global split is the
/// leak-free protocol of the evaluation design: train t &lt; T, test T &lt;= t &lt; T + horizon, and
/// the training table's key indexes hold only what training saw. The per-user chronological splits
/// are alternatives with more evaluable users, labelled as such because other users' later events
/// reach training.
/// </summary>
public static class TemporalSplit
{
    /// <summary>
    /// Global temporal split at <paramref name="cutoffMs"/>: train = events with t &lt; T,
    /// test = T &lt;= t &lt; T + horizon (no upper bound when <paramref name="horizonMs"/> is null).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The horizon is not positive.</exception>
    /// <exception cref="DataException">No training or no test event falls in the windows.</exception>
    public static EvaluationSplit Global(InteractionTable all, long cutoffMs, long? horizonMs)
        => GlobalCore(all, cutoffMs, horizonMs, "global temporal split");

    /// <summary>
    /// The validation split for tuning: cutoff T_v = T - horizon with the same rules, so the test
    /// window [T, T + horizon) is never looked at while choosing parameters.
    /// </summary>
    /// <param name="all">All events.</param>
    /// <param name="testCutoffMs">The test cutoff T.</param>
    /// <param name="horizonMs">The window length; both the validation and the test window use it.</param>
    public static EvaluationSplit ValidationSplit(InteractionTable all, long testCutoffMs, long horizonMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonMs);
        return GlobalCore(all, testCutoffMs - horizonMs, horizonMs, "validation split (T_v = T - horizon) for tuning");
    }

    /// <summary>
    /// Rolling origin: the global protocol at each cutoff (e.g. 3 to 5 of them), so the mean and spread
    /// of a metric over origins can be reported.
    /// </summary>
    public static IReadOnlyList<EvaluationSplit> RollingOrigins(InteractionTable all, IReadOnlyList<long> cutoffsMs, long? horizonMs)
    {
        if (cutoffsMs.Count == 0)
        {
            throw new ArgumentException("Give at least one cutoff for rolling-origin evaluation.", nameof(cutoffsMs));
        }
        var splits = new List<EvaluationSplit>(cutoffsMs.Count);
        foreach (long cutoff in cutoffsMs)
        {
            splits.Add(GlobalCore(all, cutoff, horizonMs, $"rolling origin {splits.Count + 1} of {cutoffsMs.Count}"));
        }
        return splits;
    }

    /// <summary>
    /// The timestamp at quantile <paramref name="q"/> of all event times (nearest rank: the
    /// ceil(q * n)-th smallest), e.g. 0.8 gives a cutoff with about 80% of events before it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is not in (0, 1).</exception>
    /// <exception cref="DataException">The table is empty.</exception>
    public static long CutoffAtQuantile(InteractionTable all, double q)
    {
        if (!(q > 0 && q < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "The cutoff quantile must be strictly between 0 and 1 (e.g. 0.8).");
        }
        if (all.Count == 0)
        {
            throw new DataException("Cannot place a cutoff in an empty interaction table; check the ingest window.");
        }
        var times = all.Timestamps.ToArray();
        Array.Sort(times);
        int rank = (int)Math.Ceiling(q * times.Length);
        return times[Math.Clamp(rank - 1, 0, times.Length - 1)];
    }

    /// <summary>
    /// Per-user chronological split: each user's last round(fraction * n) events (by time, ties by
    /// row order) are held out, keeping at least one event of every user in training.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1).</exception>
    public static EvaluationSplit PerUserLastFraction(InteractionTable all, double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be strictly between 0 and 1 (e.g. 0.2).");
        }
        var roles = PerUserRoles(all, count => (int)Math.Round(fraction * count, MidpointRounding.AwayFromZero));
        var description = new SplitDescription(SplitKind.PerUserLastFraction, null, null, null, fraction, null,
            FormattableString.Invariant($"per-user chronological split: each user's last {fraction * 100:0.##}% of events by time held out (other users' later events are in training)"));
        return Finish(all, roles, description);
    }

    /// <summary>
    /// Per-user leave-last-n: each user's last <paramref name="n"/> events (by time, ties by row order)
    /// are held out, keeping at least one event of every user in training.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static EvaluationSplit PerUserLastN(InteractionTable all, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var roles = PerUserRoles(all, _ => n);
        var description = new SplitDescription(SplitKind.PerUserLastN, null, null, null, null, n,
            $"per-user chronological split: each user's last {n} event(s) by time held out (other users' later events are in training)");
        return Finish(all, roles, description);
    }

    private static EvaluationSplit GlobalCore(InteractionTable all, long cutoffMs, long? horizonMs, string what)
    {
        if (horizonMs is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizonMs), horizonMs, "The test horizon must be positive, or null for an open-ended test window.");
        }
        long end = horizonMs is long h ? SaturatingAdd(cutoffMs, h) : long.MaxValue;
        var times = all.Timestamps;
        var roles = new byte[all.Count];
        for (int k = 0; k < roles.Length; k++)
        {
            long t = times[k];
            roles[k] = t < cutoffMs ? SplitBuilder.TrainRole : (t < end || horizonMs is null) ? SplitBuilder.TestRole : SplitBuilder.OutsideRole;
        }
        string iso = SplitDescription.FormatIso(cutoffMs);
        string window = horizonMs is long hz ? $"[{iso}, {SplitDescription.FormatIso(end)})" : $"[{iso}, end of data]";
        var description = new SplitDescription(SplitKind.GlobalTemporal, cutoffMs, iso, horizonMs, null, null,
            $"{what}: train t < {iso}, test t in {window}");
        return Finish(all, roles, description);
    }

    private static EvaluationSplit Finish(InteractionTable all, byte[] roles, SplitDescription description)
    {
        var split = SplitBuilder.Build(all, roles, description);
        if (split.Counts.TrainRows == 0)
        {
            throw new DataException($"The {description.Label} leaves no training events; move the cutoff later or widen the ingest window.");
        }
        if (split.Counts.TestRows == 0)
        {
            throw new DataException($"The {description.Label} leaves no test events; move the cutoff earlier or lengthen the horizon.");
        }
        return split;
    }

    /// <summary>Marks each user's last held(count) events (clamped to count - 1) as test.</summary>
    private static byte[] PerUserRoles(InteractionTable all, Func<int, int> held)
    {
        var users = all.Users;
        var times = all.Timestamps;
        int n = all.Count;
        var order = new int[n];
        for (int k = 0; k < n; k++)
        {
            order[k] = k;
        }
        var userArray = users.ToArray();
        var timeArray = times.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = userArray[a].CompareTo(userArray[b]);
            if (c != 0)
            {
                return c;
            }
            c = timeArray[a].CompareTo(timeArray[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var roles = new byte[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && userArray[order[end]] == userArray[order[start]])
            {
                end++;
            }
            int count = end - start;
            int testCount = Math.Clamp(held(count), 0, count - 1);
            for (int k = end - testCount; k < end; k++)
            {
                roles[order[k]] = SplitBuilder.TestRole;
            }
            start = end;
        }
        return roles;
    }

    private static long SaturatingAdd(long a, long b) => b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;
}
