namespace SparkRecs.Core.Factorization;

/// <summary>
/// Dense latent factors, one row of <see cref="Rank"/> floats per user or item, stored row-major
/// in one array so a row is a contiguous span for SIMD dot products.
/// </summary>
public sealed class FactorMatrix
{
    /// <summary>Allocates a zeroed matrix.</summary>
    public FactorMatrix(int rows, int rank)
        : this(rows, rank, new float[checked((long)rows * rank) is var n && n <= Array.MaxLength ? (int)n : throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} x {rank} factors do not fit one array; lower the rank or use the Spark engine.")])
    {
    }

    /// <summary>Wraps an existing row-major array of <c>rows * rank</c> floats.</summary>
    public FactorMatrix(int rows, int rank, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        if (data.Length != (long)rows * rank)
        {
            throw new ArgumentException($"Expected {rows} x {rank} = {(long)rows * rank} floats, got {data.Length}.", nameof(data));
        }
        Rows = rows;
        Rank = rank;
        Data = data;
    }

    /// <summary>Number of rows (users or items).</summary>
    public int Rows { get; }

    /// <summary>Number of latent factors per row.</summary>
    public int Rank { get; }

    /// <summary>The row-major backing array (<c>Rows * Rank</c> floats).</summary>
    public float[] Data { get; }

    /// <summary>The factors of one row.</summary>
    public Span<float> Row(int row) => Data.AsSpan(row * Rank, Rank);

    /// <summary>A copy of this matrix.</summary>
    public FactorMatrix Clone() => new(Rows, Rank, (float[])Data.Clone());
}
