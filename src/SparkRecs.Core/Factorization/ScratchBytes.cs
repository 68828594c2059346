namespace SparkRecs.Core.Factorization;

/// <summary>Sums the sizes of arrays, so memory figures count what was really allocated.</summary>
internal static class ScratchBytes
{
    /// <summary>Total bytes of the elements of <paramref name="arrays"/> (primitive element types).</summary>
    public static long Of(params ReadOnlySpan<Array> arrays)
    {
        long total = 0;
        foreach (var array in arrays)
        {
            total += Buffer.ByteLength(array);
        }
        return total;
    }
}
