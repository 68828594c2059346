using System.Numerics;
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
/// The last panel is padded with zero factors; scores of padding columns are computed and ignored.
/// Memory is about the same as the item factors (<c>4 * panels * PanelWidth * rank</c> bytes).
/// </remarks>
internal sealed class PackedItemPanels
{
    private PackedItemPanels(int items, int rank, int panelCount, float[] data)
    {
        Items = items;
        Rank = rank;
        PanelCount = panelCount;
        Data = data;
    }

    /// <summary>Items per panel: two SIMD vectors, the width of the kernel's register tile.</summary>
    public static int PanelWidth => 2 * Vector<float>.Count;

    /// <summary>Number of real items.</summary>
    public int Items { get; }

    /// <summary>Factors per item.</summary>
    public int Rank { get; }

    /// <summary>Number of panels (the last one possibly padded).</summary>
    public int PanelCount { get; }

    /// <summary>Panel-major, factor-major within a panel: <c>Data[(panel * Rank + k) * PanelWidth + c]</c>.</summary>
    public float[] Data { get; }

    /// <summary>Packs <paramref name="items"/>, panels in parallel on up to <paramref name="threads"/> threads.</summary>
    public static PackedItemPanels Pack(FactorMatrix items, int threads)
    {
        int width = PanelWidth;
        int rank = items.Rank;
        int panelCount = (items.Rows + width - 1) / width;
        long length = (long)panelCount * width * rank;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(items), $"{items.Rows} items x rank {rank} do not fit one packed array; lower the rank or use the Spark engine.");
        }
        var data = new float[length];
        var source = items.Data;
        Parallel.For(0, panelCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, panel =>
        {
            int first = panel * width;
            int count = Math.Min(width, items.Rows - first);
            var target = data.AsSpan(panel * rank * width, rank * width);
            for (int c = 0; c < count; c++)
            {
                var row = source.AsSpan((first + c) * rank, rank);
                for (int k = 0; k < rank; k++)
                {
                    target[(k * width) + c] = row[k];
                }
            }
        });
        return new PackedItemPanels(items.Rows, rank, panelCount, data);
    }
}
