using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// One side of the factorisation as the sweeps see it: the rows to solve (users of the user x item
/// matrix, or items of its transpose), each row's evidence count and its ridge <c>lambda_u</c>.
/// </summary>
/// <remarks>
/// The ratings are a <see cref="CompactCsrMatrix"/>: the item side is usually stored with one-byte
/// value codes (<see cref="CompactCsrMatrix.TransposeOf"/>), the user side is the caller's float
/// <see cref="CsrMatrix"/> seen through a no-copy view. Solvers read values a slice at a time with
/// <see cref="CompactCsrMatrix.RowValues"/> into their own scratch, so the kernels see float spans.
/// </remarks>
internal sealed class AlsSide
{
    private const int CountingSlice = 256;

    /// <summary>Counts evidence and derives each row's ridge from the options, over a float matrix (no copy).</summary>
    public AlsSide(CsrMatrix ratings, AlsOptions options)
        : this(CompactCsrMatrix.Wrap(ratings), options)
    {
    }

    /// <summary>Counts evidence and derives each row's ridge from the options.</summary>
    public AlsSide(CompactCsrMatrix ratings, AlsOptions options)
    {
        Ratings = ratings;
        EvidenceCounts = new int[ratings.Rows];
        Ridge = new float[ratings.Rows];
        bool scale = options.EffectiveScaleRegularizationByCount;
        Span<float> buffer = stackalloc float[CountingSlice];
        for (int row = 0; row < ratings.Rows; row++)
        {
            int length = ratings.RowLength(row);
            int count = 0;
            for (int start = 0; start < length; start += CountingSlice)
            {
                foreach (float value in ratings.RowValues(row, start, Math.Min(CountingSlice, length - start), buffer))
                {
                    if (Confidence.IsEvidence(value, options.Implicit))
                    {
                        count++;
                    }
                }
            }
            EvidenceCounts[row] = count;
            Ridge[row] = scale ? options.RegParam * count : options.RegParam;
            LongestRow = Math.Max(LongestRow, length);
        }
    }

    /// <summary>Rows to solve, with the other side's ids as columns.</summary>
    public CompactCsrMatrix Ratings { get; }

    /// <summary>
    /// Per row: stored values for explicit, positive values for implicit. A row with none has no
    /// evidence for any preference; its factors are set to zero (they minimise its objective, whose
    /// right-hand side is zero) instead of solving a possibly singular system.
    /// </summary>
    public int[] EvidenceCounts { get; }

    /// <summary>Per row: <c>lambda * count</c> when regularization is scaled, else <c>lambda</c>.</summary>
    public float[] Ridge { get; }

    /// <summary>The most non-zeros in one row: what a buffer that decodes whole rows must hold.</summary>
    public int LongestRow { get; }

    /// <summary>Whether reading values needs a decoding buffer (they are stored as codes).</summary>
    public bool IsEncoded => Ratings.Encoding != ValueEncoding.Single;

    /// <summary>Bytes of the per-row arrays (evidence counts and ridges); the ratings are counted by their owner.</summary>
    public long PerRowBytes => ScratchBytes.Of(EvidenceCounts, Ridge);
}
