using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// Item factors re-laid out for the scoring kernel: the catalogue is cut into panels of
/// <see cref="PanelWidth"/> consecutive items, and each panel is stored factor-major
/// (<c>rank</c> rows of <see cref="PanelWidth"/> floats: factor <c>k</c> of every item of the
/// panel, side by side). One SIMD load then fetches factor <c>k</c> of a whole row of items, and
/// the kernel vectorises across items instead of across factors, so any rank works without a
/// remainder loop and each score is accumulated in plain factor order.
/// </summary>
/// <remarks>
/// <para>
/// The last panel is padded with zero factors; scores of padding columns are computed and ignored.
/// Memory is about the same as the item factors (<c>4 * panels * PanelWidth * rank</c> bytes).
/// </para>
/// <para>
/// The panels start on a 64-byte boundary (<see cref="Offset"/> floats into <see cref="Data"/>, an
/// array on the pinned heap so the boundary never moves): every row of a panel is then a whole
/// number of cache lines, and no SIMD load of the kernel splits across two lines.
/// </para>
/// </remarks>
internal sealed class PackedItemPanels
{
    private const int AlignmentBytes = 64;

    private PackedItemPanels(int items, int rank, int panelCount, float[] data, int offset)
    {
        Items = items;
        Rank = rank;
        PanelCount = panelCount;
        Data = data;
        Offset = offset;
    }

    /// <summary>
    /// Items per panel: two SIMD vectors, the width of the kernel's register tile. 32 where
    /// <see cref="Vector512"/> is accelerated (AVX-512), else <c>2 * Vector&lt;float&gt;.Count</c>.
    /// </summary>
    public static int PanelWidth => Vector512.IsHardwareAccelerated ? 2 * Vector512<float>.Count : 2 * Vector<float>.Count;

    /// <summary>Number of real items.</summary>
    public int Items { get; }

    /// <summary>Factors per item.</summary>
    public int Rank { get; }

    /// <summary>Number of panels (the last one possibly padded).</summary>
    public int PanelCount { get; }

    /// <summary>
    /// Panel-major, factor-major within a panel: <c>Data[Offset + (panel * Rank + k) * PanelWidth + c]</c>.
    /// </summary>
    public float[] Data { get; }

    /// <summary>Index in <see cref="Data"/> of the first panel (a 64-byte aligned address).</summary>
    public int Offset { get; }

    /// <summary>The panels, <c>PanelCount * Rank * PanelWidth</c> floats from <see cref="Offset"/>.</summary>
    public ReadOnlySpan<float> Panels => Data.AsSpan(Offset, PanelCount * Rank * PanelWidth);

    /// <summary>Packs <paramref name="items"/>, panels in parallel on up to <paramref name="threads"/> threads.</summary>
    public static PackedItemPanels Pack(FactorMatrix items, int threads)
    {
        int width = PanelWidth;
        int rank = items.Rank;
        int panelCount = (items.Rows + width - 1) / width;
        long length = ((long)panelCount * width * rank) + (AlignmentBytes / sizeof(float));
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(items), $"{items.Rows} items x rank {rank} do not fit one packed array; lower the rank or use the Spark engine.");
        }
        var data = GC.AllocateArray<float>((int)length, pinned: true);
        int offset = AlignedOffset(data);
        var source = items.Data;
        Parallel.For(0, panelCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, panel =>
        {
            int first = panel * width;
            int count = Math.Min(width, items.Rows - first);
            var target = data.AsSpan(offset + (panel * rank * width), rank * width);
            for (int c = 0; c < count; c++)
            {
                var row = source.AsSpan((first + c) * rank, rank);
                for (int k = 0; k < rank; k++)
                {
                    target[(k * width) + c] = row[k];
                }
            }
        });
        return new PackedItemPanels(items.Rows, rank, panelCount, data, offset);
    }

    /// <summary>Floats to skip from the start of a pinned array to reach a 64-byte boundary.</summary>
    private static unsafe int AlignedOffset(float[] pinned)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        nuint misalignment = address % AlignmentBytes;
        return misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / sizeof(float));
    }
}
