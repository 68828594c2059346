using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// A small implicit-feedback ALS half-sweep for the row kernels: <c>rows</c> rows of
/// <c>observations</c> distinct random columns each against <c>fixedRows</c> fixed factor rows,
/// with the shared Gram matrix already computed, as the trainer hands a row to its solver.
/// </summary>
/// <remarks>
/// Sized like the synthetic 20M workload's rows (users hold 40 interactions on average, items 200)
/// while the fixed factors (20,000 rows: 5 MB at rank 64) stay in the last-level cache, so the
/// figures measure the kernels rather than the memory system. Values are play counts 1..20, the
/// options the reference settings (alpha 1, regularization 0.01, 3 conjugate-gradient steps).
/// Everything is seeded: every run solves the same systems.
/// </remarks>
internal sealed class RowWorkload
{
    /// <summary>Rows of the half-sweep each benchmark invocation solves (one worker's chunk).</summary>
    public const int Rows = 64;

    /// <summary>Observations of every row, between a synthetic user's and a synthetic item's mean.</summary>
    public const int Observations = 100;

    /// <summary>Rows of the fixed side.</summary>
    public const int FixedRows = 20_000;

    /// <summary>Builds the workload at <paramref name="rank"/> for <paramref name="solver"/>.</summary>
    public RowWorkload(int rank, AlsSolver solver)
    {
        var random = new Random(7);
        var rowPointers = new int[Rows + 1];
        var columns = new int[Rows * Observations];
        var values = new float[Rows * Observations];
        var picked = new HashSet<int>();
        for (int row = 0; row < Rows; row++)
        {
            picked.Clear();
            while (picked.Count < Observations)
            {
                picked.Add(random.Next(FixedRows));
            }
            var sorted = picked.Order().ToArray();
            for (int n = 0; n < Observations; n++)
            {
                columns[(row * Observations) + n] = sorted[n];
                values[(row * Observations) + n] = 1 + random.Next(20);
            }
            rowPointers[row + 1] = (row + 1) * Observations;
        }
        Ratings = new CsrMatrix(Rows, FixedRows, rowPointers, columns, values);
        Options = new AlsOptions
        {
            Rank = rank,
            RegParam = 0.01f,
            Alpha = 1f,
            Implicit = true,
            Solver = solver,
            CgSteps = 3,
            Threads = 1,
            ComputeLoss = false,
        };
        Fixed = RandomFactors(FixedRows, rank, random);
        Start = RandomFactors(Rows, rank, random);
        Target = Start.Clone();
        Gram = new GramMatrix(FixedRows, rank);
        Gram.Compute(Fixed, 1, CancellationToken.None);
        Sweep = new AlsSweep(new AlsSide(Ratings, Options), Fixed, Target, Gram, Options);
    }

    /// <summary>The rows to solve (rows x fixed-side ids, counts as values).</summary>
    public CsrMatrix Ratings { get; }

    /// <summary>The training options (implicit, the reference settings).</summary>
    public AlsOptions Options { get; }

    /// <summary>The fixed side's factors.</summary>
    public FactorMatrix Fixed { get; }

    /// <summary>The warm start of the solved rows, restored before every solve so each does the same work.</summary>
    public FactorMatrix Start { get; }

    /// <summary>The solved rows' factors, written by the solvers.</summary>
    public FactorMatrix Target { get; }

    /// <summary><c>Fixed^T Fixed</c>, full and padded.</summary>
    public GramMatrix Gram { get; }

    /// <summary>The half-sweep the row solvers read.</summary>
    public AlsSweep Sweep { get; }

    /// <summary>Restores <see cref="Target"/> to <see cref="Start"/>.</summary>
    public void Restart() => Start.Data.CopyTo(Target.Data, 0);

    /// <summary>Factors uniform in [-0.5, 0.5).</summary>
    public static FactorMatrix RandomFactors(int rows, int rank, Random random)
    {
        var factors = new FactorMatrix(rows, rank);
        for (int i = 0; i < factors.Data.Length; i++)
        {
            factors.Data[i] = (float)(random.NextDouble() - 0.5);
        }
        return factors;
    }
}
