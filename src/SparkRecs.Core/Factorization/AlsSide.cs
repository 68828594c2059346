using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// One side of the factorisation as the sweeps see it: the rows to solve (users of the user x item
/// matrix, or items of its transpose), each row's evidence count and its ridge <c>lambda_u</c>.
/// </summary>
internal sealed class AlsSide
{
    /// <summary>Counts evidence and derives each row's ridge from the options.</summary>
    public AlsSide(CsrMatrix ratings, AlsOptions options)
    {
        Ratings = ratings;
        EvidenceCounts = new int[ratings.Rows];
        Ridge = new float[ratings.Rows];
        bool scale = options.EffectiveScaleRegularizationByCount;
        for (int row = 0; row < ratings.Rows; row++)
        {
            int count = 0;
            foreach (float value in ratings.RowValues(row))
            {
                if (Confidence.IsEvidence(value, options.Implicit))
                {
                    count++;
                }
            }
            EvidenceCounts[row] = count;
            Ridge[row] = scale ? options.RegParam * count : options.RegParam;
        }
    }

    /// <summary>Rows to solve, with the other side's ids as columns.</summary>
    public CsrMatrix Ratings { get; }

    /// <summary>
    /// Per row: stored values for explicit, positive values for implicit. A row with none has no
    /// evidence for any preference; its factors are set to zero (they minimise its objective, whose
    /// right-hand side is zero) instead of solving a possibly singular system.
    /// </summary>
    public int[] EvidenceCounts { get; }

    /// <summary>Per row: <c>lambda * count</c> when regularization is scaled, else <c>lambda</c>.</summary>
    public float[] Ridge { get; }
}
