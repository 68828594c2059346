namespace SparkRecs.Bench;

/// <summary>
/// The coordinates of a workload file: parallel arrays of user ids, item ids and counts, with the
/// matrix shape (largest id + 1 on each side).
/// </summary>
internal sealed record Triples(int[] Users, int[] Items, float[] Values, int Rows, int Columns)
{
    /// <summary>Number of lines (non-zeros before duplicates are combined).</summary>
    public int Count => Users.Length;

    /// <summary>Bytes held by the three arrays.</summary>
    public long MemoryBytes => 12L * Users.Length;
}
