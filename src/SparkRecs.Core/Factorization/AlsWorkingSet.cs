namespace SparkRecs.Core.Factorization;

/// <summary>
/// The memory <see cref="AlsTrainer"/> held while training, array by array as it allocated them: the
/// figures behind the "bytes per non-zero" of a training run.
/// </summary>
/// <param name="NonZeros">Observations trained on.</param>
/// <param name="UserItemBytes">The user x item matrix (the caller's <see cref="Sparse.CsrMatrix"/>).</param>
/// <param name="ItemUserBytes">
/// The item x user matrix: the compact transpose (<see cref="Sparse.CompactCsrMatrix"/>, about
/// 5 bytes per non-zero with one-byte codes) or the caller's float transpose (8 bytes per non-zero).
/// </param>
/// <param name="PerRowBytes">Per user and per item: evidence counts and ridges (8 bytes a row), and the loss's partial sums (8 bytes per 64 rows).</param>
/// <param name="ScratchBytes">
/// Fixed scratch independent of the data size: every worker's row-solver buffers (the largest being
/// its gathered panel, <see cref="AlsOptions.Rank"/> permitting up to 8 MB) and the two Gram workspaces.
/// </param>
/// <param name="FactorBytes">The user and item factors, <c>4 (m + n) k</c>: the model itself.</param>
public sealed record AlsWorkingSet(long NonZeros, long UserItemBytes, long ItemUserBytes, long PerRowBytes, long ScratchBytes, long FactorBytes)
{
    /// <summary>Both matrices and the per-row arrays, per non-zero: what grows with the data beyond the factors.</summary>
    public double BytesPerNonZero => (double)(UserItemBytes + ItemUserBytes + PerRowBytes) / Math.Max(1L, NonZeros);
}
