namespace SparkRecs.Core.Evaluation;

/// <summary>
/// Splits evaluated users into equal-sized segments by training activity (number of training items),
/// least active first, so a report shows whom the model serves badly. Users are ordered by
/// (activity, user id) and cut into S slices of (nearly) equal size; users with equal activity may
/// fall on both sides of a cut, which keeps the segments equally large.
/// </summary>
internal static class ActivitySegments
{
    /// <summary>Segment index (0 = least active) per user.</summary>
    internal static int[] Assign(ReadOnlySpan<int> activity, ReadOnlySpan<int> users, int segments)
    {
        int n = activity.Length;
        var order = new int[n];
        for (int k = 0; k < n; k++)
        {
            order[k] = k;
        }
        var act = activity.ToArray();
        var ids = users.ToArray();
        Array.Sort(order, (a, b) => act[a] != act[b] ? act[a].CompareTo(act[b]) : ids[a].CompareTo(ids[b]));
        var segment = new int[n];
        for (int r = 0; r < n; r++)
        {
            segment[order[r]] = (int)((long)r * segments / n);
        }
        return segment;
    }

    /// <summary>"Q1 (least active)" for quartiles, "S1" otherwise.</summary>
    internal static string Name(int segment, int segments)
    {
        string prefix = segments == 4 ? "Q" : "S";
        string suffix = segment == 0 && segments > 1 ? " (least active)" : segment == segments - 1 && segments > 1 ? " (most active)" : "";
        return $"{prefix}{segment + 1}{suffix}";
    }
}
