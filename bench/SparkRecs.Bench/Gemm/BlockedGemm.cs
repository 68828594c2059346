using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkRecs.Bench.Gemm;

/// <summary>
/// A plain blocked fp32 GEMM in C#, <c>C[m x n] = A[m x k] * B[n x k]^T</c> (all row-major): the
/// fallback GEMM rate when numpy is not available, and the cost of the top-N product with the
/// selection taken away.
/// </summary>
/// <remarks>
/// The textbook structure: B is packed into panels of <c>W</c> rows stored factor-major (one SIMD
/// load fetches factor <c>k</c> of <c>W</c> rows), blocks of panels sized for L2 are the outer
/// loop, and a register tile of <c>R</c> rows of A x <c>W</c> columns accumulates over k with
/// fused multiply-adds. With AVX-512 the tile is 8 x 32 (16 zmm accumulators), otherwise
/// 4 x 2 <see cref="Vector{T}"/>. Rows of A are split among threads in blocks of 64.
/// </remarks>
internal static class BlockedGemm
{
    private const int RowBlock = 64;
    private const int PanelBlockBytes = 256 * 1024;

    /// <summary>Times <paramref name="repetitions"/> products of random matrices after one warm-up.</summary>
    public static GemmMeasurement Measure(int m, int n, int k, int repetitions, int threads)
    {
        var random = new Random(1);
        var a = new float[(long)m * k];
        var b = new float[(long)n * k];
        foreach (var array in new[] { a, b })
        {
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = (float)(random.NextDouble() - 0.5);
            }
        }
        var c = new float[(long)m * n];
        Multiply(a, b, c, m, n, k, threads);
        var seconds = new Timings();
        var cpuSeconds = new Timings();
        for (int r = 0; r < repetitions; r++)
        {
            double cpu = MachineInfo.ProcessorSeconds();
            var clock = Stopwatch.StartNew();
            Multiply(a, b, c, m, n, k, threads);
            seconds.Add(clock.Elapsed.TotalSeconds);
            cpuSeconds.Add(MachineInfo.ProcessorSeconds() - cpu);
        }
        string detail = Vector512.IsHardwareAccelerated ? "Vector512, 8 x 32 register tile" : $"Vector<float> x {Vector<float>.Count}, 4 x {2 * Vector<float>.Count} register tile";
        return new GemmMeasurement("C# blocked", detail, m, n, k, seconds, cpuSeconds);
    }

    /// <summary>Computes <c>c = a * b^T</c>; <paramref name="n"/> must be a multiple of the panel width.</summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k, int threads)
    {
        bool wide = Vector512.IsHardwareAccelerated;
        int width = wide ? 2 * Vector512<float>.Count : 2 * Vector<float>.Count;
        int tileRows = wide ? 8 : 4;
        if (n % width != 0 || m % tileRows != 0)
        {
            throw new ArgumentException($"The GEMM benchmark needs m a multiple of {tileRows} and n a multiple of {width}; got {m} x {n}.");
        }
        var packed = Pack(b, n, k, width);
        int panelsPerBlock = Math.Max(1, PanelBlockBytes / (k * width * sizeof(float)));
        int rowBlocks = (m + RowBlock - 1) / RowBlock;
        Parallel.For(0, rowBlocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, block =>
            MultiplyRowBlock(a, packed, c, block * RowBlock, Math.Min(m, (block + 1) * RowBlock), n, k, panelsPerBlock, wide));
    }

    /// <summary>Rows <c>[rowStart, rowEnd)</c> of C; compiled optimised at once so no repetition runs unoptimised code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRowBlock(float[] a, float[] packed, float[] c, int rowStart, int rowEnd, int n, int k, int panelsPerBlock, bool wide)
    {
        int width = wide ? 32 : 2 * Vector<float>.Count;
        int tileRows = wide ? 8 : 4;
        int panels = n / width;
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(a);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(packed);
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(c);
        for (int firstPanel = 0; firstPanel < panels; firstPanel += panelsPerBlock)
        {
            int lastPanel = Math.Min(panels, firstPanel + panelsPerBlock);
            for (int row = rowStart; row < rowEnd; row += tileRows)
            {
                ref float aRows = ref Unsafe.Add(ref aRef, (nint)row * k);
                for (int p = firstPanel; p < lastPanel; p++)
                {
                    ref float panel = ref Unsafe.Add(ref bRef, (nint)p * k * width);
                    ref float target = ref Unsafe.Add(ref cRef, ((nint)row * n) + ((nint)p * width));
                    if (wide)
                    {
                        Tile8x32(ref aRows, k, ref panel, ref target, n);
                    }
                    else
                    {
                        Tile4x2V(ref aRows, k, ref panel, ref target, n);
                    }
                }
            }
        }
    }

    private static float[] Pack(float[] b, int n, int k, int width)
    {
        var packed = new float[b.Length];
        for (int row = 0; row < n; row++)
        {
            int panel = row / width, column = row % width;
            for (int f = 0; f < k; f++)
            {
                packed[((long)panel * k * width) + ((long)f * width) + column] = b[((long)row * k) + f];
            }
        }
        return packed;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile8x32(ref float a, int k, ref float panel, ref float c, int n)
    {
        Vector512<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
        Vector512<float> a4 = default, b4 = default, a5 = default, b5 = default, a6 = default, b6 = default, a7 = default, b7 = default;
        for (int f = 0; f < k; f++)
        {
            var lo = Vector512.LoadUnsafe(ref panel, (nuint)(f * 32));
            var hi = Vector512.LoadUnsafe(ref panel, (nuint)((f * 32) + 16));
            var x0 = Vector512.Create(Unsafe.Add(ref a, f));
            a0 = Vector512.FusedMultiplyAdd(x0, lo, a0);
            b0 = Vector512.FusedMultiplyAdd(x0, hi, b0);
            var x1 = Vector512.Create(Unsafe.Add(ref a, k + f));
            a1 = Vector512.FusedMultiplyAdd(x1, lo, a1);
            b1 = Vector512.FusedMultiplyAdd(x1, hi, b1);
            var x2 = Vector512.Create(Unsafe.Add(ref a, (2 * k) + f));
            a2 = Vector512.FusedMultiplyAdd(x2, lo, a2);
            b2 = Vector512.FusedMultiplyAdd(x2, hi, b2);
            var x3 = Vector512.Create(Unsafe.Add(ref a, (3 * k) + f));
            a3 = Vector512.FusedMultiplyAdd(x3, lo, a3);
            b3 = Vector512.FusedMultiplyAdd(x3, hi, b3);
            var x4 = Vector512.Create(Unsafe.Add(ref a, (4 * k) + f));
            a4 = Vector512.FusedMultiplyAdd(x4, lo, a4);
            b4 = Vector512.FusedMultiplyAdd(x4, hi, b4);
            var x5 = Vector512.Create(Unsafe.Add(ref a, (5 * k) + f));
            a5 = Vector512.FusedMultiplyAdd(x5, lo, a5);
            b5 = Vector512.FusedMultiplyAdd(x5, hi, b5);
            var x6 = Vector512.Create(Unsafe.Add(ref a, (6 * k) + f));
            a6 = Vector512.FusedMultiplyAdd(x6, lo, a6);
            b6 = Vector512.FusedMultiplyAdd(x6, hi, b6);
            var x7 = Vector512.Create(Unsafe.Add(ref a, (7 * k) + f));
            a7 = Vector512.FusedMultiplyAdd(x7, lo, a7);
            b7 = Vector512.FusedMultiplyAdd(x7, hi, b7);
        }
        a0.StoreUnsafe(ref c);
        b0.StoreUnsafe(ref c, 16);
        a1.StoreUnsafe(ref c, (nuint)n);
        b1.StoreUnsafe(ref c, (nuint)(n + 16));
        a2.StoreUnsafe(ref c, (nuint)(2 * n));
        b2.StoreUnsafe(ref c, (nuint)((2 * n) + 16));
        a3.StoreUnsafe(ref c, (nuint)(3 * n));
        b3.StoreUnsafe(ref c, (nuint)((3 * n) + 16));
        a4.StoreUnsafe(ref c, (nuint)(4 * n));
        b4.StoreUnsafe(ref c, (nuint)((4 * n) + 16));
        a5.StoreUnsafe(ref c, (nuint)(5 * n));
        b5.StoreUnsafe(ref c, (nuint)((5 * n) + 16));
        a6.StoreUnsafe(ref c, (nuint)(6 * n));
        b6.StoreUnsafe(ref c, (nuint)((6 * n) + 16));
        a7.StoreUnsafe(ref c, (nuint)(7 * n));
        b7.StoreUnsafe(ref c, (nuint)((7 * n) + 16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x2V(ref float a, int k, ref float panel, ref float c, int n)
    {
        int w = Vector<float>.Count;
        Vector<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
        for (int f = 0; f < k; f++)
        {
            var lo = Vector.LoadUnsafe(ref panel, (nuint)(f * 2 * w));
            var hi = Vector.LoadUnsafe(ref panel, (nuint)((f * 2 * w) + w));
            var x0 = new Vector<float>(Unsafe.Add(ref a, f));
            var x1 = new Vector<float>(Unsafe.Add(ref a, k + f));
            var x2 = new Vector<float>(Unsafe.Add(ref a, (2 * k) + f));
            var x3 = new Vector<float>(Unsafe.Add(ref a, (3 * k) + f));
            a0 = Vector.FusedMultiplyAdd(x0, lo, a0);
            b0 = Vector.FusedMultiplyAdd(x0, hi, b0);
            a1 = Vector.FusedMultiplyAdd(x1, lo, a1);
            b1 = Vector.FusedMultiplyAdd(x1, hi, b1);
            a2 = Vector.FusedMultiplyAdd(x2, lo, a2);
            b2 = Vector.FusedMultiplyAdd(x2, hi, b2);
            a3 = Vector.FusedMultiplyAdd(x3, lo, a3);
            b3 = Vector.FusedMultiplyAdd(x3, hi, b3);
        }
        a0.StoreUnsafe(ref c);
        b0.StoreUnsafe(ref c, (nuint)w);
        a1.StoreUnsafe(ref c, (nuint)n);
        b1.StoreUnsafe(ref c, (nuint)(n + w));
        a2.StoreUnsafe(ref c, (nuint)(2 * n));
        b2.StoreUnsafe(ref c, (nuint)((2 * n) + w));
        a3.StoreUnsafe(ref c, (nuint)(3 * n));
        b3.StoreUnsafe(ref c, (nuint)((3 * n) + w));
    }
}
