using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkRecs.Core.Factorization;

/// <summary>
/// The fast path of one worker's row solver: gathers the fixed side's factor rows of one ALS row's
/// observations into a contiguous, zero-padded panel and solves the row with the vectorised
/// <see cref="FactorKernels"/>, <see cref="RankUpdateKernel"/> and <see cref="CholeskyKernel"/>.
/// </summary>
/// <remarks>
/// <para><b>Why a panel.</b> The factor rows a row needs are scattered over a matrix far larger than
/// the caches (500k users x 64 floats is 128 MB). The reference solver reads each one from there
/// in every conjugate-gradient product (four times per solve at 3 steps); the panel reads it once,
/// with the right-hand side <c>b = sum_i c_i p_i y_i</c> computed on the way, and the products then
/// stream the panel sequentially from cache: L1/L2 for a typical user (tens of observations), L3
/// for a popular item (at most <see cref="DefaultPanelBytes"/> per worker). Profiling on a 20M
/// interaction workload puts the gather at about a third of a sweep: it is the one pass that must
/// touch memory at random, so it prefetches <c>PrefetchDistance</c> observations ahead.</para>
/// <para><b>Long rows.</b> A row with more observations than the panel holds (a popular item) would
/// have to be read from memory in every product. It is assembled instead: <c>A = Y^T Y + Y_u^T W
/// Y_u</c> by <see cref="RankUpdateKernel"/> over L1-sized tiles (<c>k^2 / 2</c> multiply-adds per
/// observation at GEMM speed, one pass over memory), and conjugate gradient then runs on the dense
/// <c>k x k</c> matrix (<c>k^2</c> per product, nothing per observation). The Cholesky path always
/// assembles this way.</para>
/// <para><b>Memory.</b> Per worker: the panel (at most <see cref="DefaultPanelBytes"/> plus a weight,
/// a decoded value and a score per row), one 16 KB tile, a <c>kp x kp</c> float system and a
/// <c>k x k</c> double factor: independent of the data size.</para>
/// <para>Padding: <c>kp</c> = <see cref="FactorKernels.PaddedRank"/>. Only the first <c>k</c>
/// floats of a panel row are ever written, so the padding, zeroed at allocation, stays zero.</para>
/// </remarks>
internal sealed partial class RowPanel
{
    /// <summary>
    /// Default largest panel of gathered factor rows per worker, 8 MB: a quarter of a 32 MB L3 cache,
    /// so two workers' panels stream from L3 (rows of up to 32,768 observations at rank 64). Long rows
    /// are few but hold much of the data (a popular item); beyond the panel they are assembled.
    /// </summary>
    public const int DefaultPanelBytes = 8 << 20;

    private const int TileFloats = 4096;
    private const int PrefetchDistance = 8;

    /// <summary>
    /// The factor rows are scattered over a matrix larger than the caches: ask for the row
    /// <see cref="PrefetchDistance"/> observations after <paramref name="n"/> now, so many misses
    /// are in flight at once while the current rows are used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchAhead(float* basePointer, ReadOnlySpan<int> columns, int n, int k, int rowBytes)
    {
        if (n + PrefetchDistance < columns.Length && Sse.IsSupported)
        {
            byte* ahead = (byte*)(basePointer + (nint)columns[n + PrefetchDistance] * k);
            for (int line = 0; line < rowBytes; line += 64)
            {
                Sse.Prefetch0(ahead + line);
            }
        }
    }

    private readonly int _rank;
    private readonly int _padded;
    private readonly int _capacity;
    private readonly int _tileRows;
    private readonly float[] _panel;
    private readonly float[] _weights;
    private readonly float[] _decoded;
    private readonly float[] _scores;
    private readonly float[] _scaled;
    private readonly float[] _system;
    private readonly float[] _x;
    private readonly float[] _b;
    private readonly float[] _cgScratch;
    private readonly double[] _upper;
    private readonly double[] _solution;

    /// <summary>
    /// Allocates the scratch for rank <paramref name="rank"/>, with a panel of at most
    /// <paramref name="panelBytes"/> (rows with more observations are assembled instead).
    /// </summary>
    public RowPanel(int rank, int panelBytes = DefaultPanelBytes)
    {
        _rank = rank;
        _padded = FactorKernels.PaddedRank(rank);
        _capacity = Math.Max(1, panelBytes / (sizeof(float) * _padded));
        _tileRows = Math.Clamp(TileFloats / _padded, 1, _capacity);
        _panel = new float[_capacity * _padded];
        _weights = new float[_capacity];
        _decoded = new float[_capacity];
        _scores = new float[_capacity];
        _scaled = new float[_tileRows * _padded];
        _system = new float[_padded * _padded];
        _x = new float[_padded];
        _b = new float[_padded];
        _cgScratch = new float[PaddedConjugateGradient.ScratchLength(_padded)];
        _upper = new double[rank * rank];
        _solution = new double[rank];
    }

    /// <summary>Bytes of every scratch buffer (the panel, the tile, the system and the solver's vectors).</summary>
    public long MemoryBytes => ScratchBytes.Of(_panel, _weights, _decoded, _scores, _scaled, _system, _x, _b, _cgScratch, _upper, _solution);

    /// <summary>How many observations a row may have and still be solved matrix-free from the panel.</summary>
    public int Capacity => _capacity;

    /// <summary>
    /// Conjugate-gradient steps on row <paramref name="row"/> of the sweep, warm-started from and
    /// written to <paramref name="x"/>, with <paramref name="paddedGram"/> the sweep's <c>Y^T Y</c> padded to
    /// <c>kp x kp</c> (empty for explicit). Returns the steps taken, or -1 when the system is not finite.
    /// </summary>
    public int SolveConjugateGradient(AlsSweep sweep, int row, Span<float> x, ReadOnlySpan<float> paddedGram)
    {
        int kp = _padded;
        var options = sweep.Options;
        float ridge = sweep.Side.Ridge[row];
        int count = sweep.Side.Ratings.RowLength(row);
        int steps;
        x.CopyTo(_x);
        _x.AsSpan(_rank).Clear(); // A failed (NaN) row may have left NaN in the padding; every row starts clean.
        if (count <= _capacity)
        {
            Gather(sweep, row, 0, count, _panel, _weights, scaled: false);
            _panelHoldsRow = true;
            var matrix = new PanelNormalOperator(paddedGram, ridge, _panel, _weights, count, kp);
            steps = PaddedConjugateGradient.Solve(ref matrix, _b, _x, options.CgSteps, _cgScratch);
        }
        else
        {
            Assemble(sweep, row, paddedGram);
            RankUpdateKernel.MirrorUpper(_system, _rank, kp);
            var matrix = new PanelNormalOperator(_system, ridge, default, default, 0, kp);
            steps = PaddedConjugateGradient.Solve(ref matrix, _b, _x, options.CgSteps, _cgScratch);
        }
        _x.AsSpan(0, _rank).CopyTo(x);
        return steps;
    }

    /// <summary>
    /// Assembles row <paramref name="row"/>'s system and solves it exactly by Cholesky in double,
    /// writing <paramref name="x"/>. Returns false when the system is not positive definite.
    /// </summary>
    public bool SolveCholesky(AlsSweep sweep, int row, Span<float> x, ReadOnlySpan<float> paddedGram)
    {
        Assemble(sweep, row, paddedGram);
        int k = _rank;
        int kp = _padded;
        double ridge = sweep.Side.Ridge[row];
        var upper = _upper;
        for (int j = 0; j < k; j++)
        {
            // Row j of the upper triangle, widened to double: a contiguous copy.
            var from = _system.AsSpan(j * kp + j, k - j);
            var to = upper.AsSpan(j * k + j, k - j);
            for (int c = 0; c < from.Length; c++)
            {
                to[c] = from[c];
            }
            to[0] += ridge;
            _solution[j] = _b[j];
        }
        if (CholeskyKernel.Solve(upper, _solution, k) >= 0)
        {
            return false;
        }
        for (int j = 0; j < k; j++)
        {
            x[j] = (float)_solution[j];
        }
        return true;
    }

    /// <summary>
    /// Assembles row <paramref name="row"/>'s system and writes it in double, full symmetric, with
    /// <paramref name="ridge"/> on the diagonal, as <see cref="NormalEquation.CopyTo"/> does: the input
    /// of <see cref="NonNegativeLeastSquares"/>.
    /// </summary>
    public void AssembleDouble(AlsSweep sweep, int row, ReadOnlySpan<float> paddedGram, Span<double> a, Span<double> b, double ridge)
    {
        Assemble(sweep, row, paddedGram);
        int k = _rank;
        int kp = _padded;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++)
            {
                double v = _system[i * kp + j];
                a[i * k + j] = v;
                a[j * k + i] = v;
            }
            a[i * k + i] = _system[i * kp + i] + ridge;
            b[i] = _b[i];
        }
    }

    /// <summary>
    /// Fills the upper triangle of <c>_system</c> with <c>G + sum_i w_i y_i y_i^T</c> and <c>_b</c>
    /// with <c>sum_i t_i y_i</c>, gathering the observations in L1-sized tiles.
    /// </summary>
    private void Assemble(AlsSweep sweep, int row, ReadOnlySpan<float> paddedGram)
    {
        Array.Clear(_b);
        int count = sweep.Side.Ratings.RowLength(row);
        // For the loss, a row that fits keeps every tile in the panel (tile t at rows t * tileRows)
        // so its scores can be read from there after the solve; otherwise each tile reuses the
        // panel's first rows. The arithmetic, and so the system, is the same either way.
        _panelHoldsRow = sweep.Loss == SweepLoss.ObservationsAndRidge && count <= _capacity;
        if (count == 0)
        {
            // Unreachable from a sweep (rows without evidence are not solved) but keeps the contract.
            if (paddedGram.IsEmpty)
            {
                Array.Clear(_system);
            }
            else
            {
                paddedGram.CopyTo(_system);
            }
            return;
        }
        for (int start = 0; start < count; start += _tileRows)
        {
            int tile = Math.Min(_tileRows, count - start);
            int offset = _panelHoldsRow ? start : 0;
            var panel = _panel.AsSpan(offset * _padded);
            Gather(sweep, row, start, tile, panel, _weights.AsSpan(offset), scaled: true);
            // The first tile starts from Y^T Y (or zero) read in place; later tiles accumulate.
            ReadOnlySpan<float> initial = start == 0 ? paddedGram : _system;
            RankUpdateKernel.Update(panel, _scaled, tile, initial, _system, _rank, _padded);
        }
    }

    /// <summary>
    /// Copies the factor rows of observations <c>[start, start + count)</c> of the row into the first
    /// <paramref name="count"/> panel rows, their weights <c>w_i</c> into <paramref name="weights"/>
    /// (and <c>w_i y_i</c> into <c>_scaled</c> when <paramref name="scaled"/>), and adds
    /// <c>t_i y_i</c> to <c>_b</c> (cleared first on the matrix-free path, where one call gathers the whole row).
    /// </summary>
    private unsafe void Gather(AlsSweep sweep, int row, int start, int count, Span<float> panel, Span<float> weights, bool scaled)
    {
        int k = _rank;
        int kp = _padded;
        var options = sweep.Options;
        bool isImplicit = options.Implicit;
        float alpha = options.Alpha;
        var columns = sweep.Side.Ratings.RowIndices(row).Slice(start, count);
        var values = sweep.Side.Ratings.RowValues(row, start, count, _decoded);
        var factors = sweep.Fixed.Data;
        if (!scaled)
        {
            Array.Clear(_b);
        }
        ref float b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref float z = ref MemoryMarshal.GetArrayDataReference(_scaled);
        bool wholeVectors = k % 8 == 0;
        int rowBytes = k * sizeof(float);
        fixed (float* basePointer = factors)
        {
            for (int n = 0; n < columns.Length; n++)
            {
                PrefetchAhead(basePointer, columns, n, k, rowBytes);
                var source = factors.AsSpan(columns[n] * k, k);
                var target = panel.Slice(n * kp, kp);
                ref float y = ref MemoryMarshal.GetReference(target);
                if (wholeVectors)
                {
                    ref float from = ref MemoryMarshal.GetReference(source);
                    for (nuint c = 0; c < (nuint)k; c += 8)
                    {
                        Vector256.LoadUnsafe(ref from, c).StoreUnsafe(ref y, c);
                    }
                }
                else
                {
                    source.CopyTo(target);
                }
                float value = values[n];
                float weight = Confidence.Weight(value, isImplicit, alpha);
                weights[n] = weight;
                float coefficient = Confidence.Target(value, isImplicit, alpha);
                var t = Vector256.Create(coefficient);
                var w = Vector256.Create(weight);
                ref float zn = ref Unsafe.Add(ref z, (nint)n * kp);
                for (nuint c = 0; c < (nuint)kp; c += 8)
                {
                    var yc = Vector256.LoadUnsafe(ref y, c);
                    Vector256.FusedMultiplyAdd(yc, t, Vector256.LoadUnsafe(ref b, c)).StoreUnsafe(ref b, c);
                    if (scaled)
                    {
                        (yc * w).StoreUnsafe(ref zn, c);
                    }
                }
            }
        }
    }
}
