using System.Buffers;
using System.Numerics;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// One worker thread of <see cref="TopNRecommender"/>: owns its scratch (a score tile rented once,
/// one bounded selector per user of a block, seen-list cursors) and turns one block of users into
/// their top-N lists.
/// </summary>
/// <remarks>
/// Loop order for a block of users: item blocks (a run of panels sized to stay in L2) outermost,
/// then groups of <see cref="ScoreKernel.UserGroup"/> users, then the kernel over the block's
/// panels. The kernel flags, per user, the panels holding a score that reaches the user's current
/// threshold; only those segments of the group x block score tile are masked (seen items set to
/// NaN) and fed to the user's selector, while still in L1. The selectors carry their state across
/// item blocks, so no user x items score matrix ever exists.
/// </remarks>
internal sealed class FactorTopNWorker : IDisposable
{
    /// <summary>Target bytes of item factors per item block: fits a typical per-core L2 with room for the rest.</summary>
    private const int ItemBlockBytes = 128 * 1024;

    private readonly float[] _userData;
    private readonly PackedItemPanels _panels;
    private readonly CsrMatrix? _seen;
    private readonly int _panelsPerBlock;
    private readonly int _tileStride;
    private readonly int _userGroup;
    private readonly float[] _tile;
    private readonly BufferedTopKSelector[] _selectors;
    private readonly int[] _seenCursor;
    private readonly float[] _bars;
    private readonly ulong[] _passed;

    /// <summary>Creates a worker for blocks of at most <paramref name="maxUsersPerBlock"/> users and lists of <paramref name="n"/>.</summary>
    public FactorTopNWorker(float[] userData, PackedItemPanels panels, CsrMatrix? seen, int n, int maxUsersPerBlock)
    {
        _userData = userData;
        _panels = panels;
        _seen = seen;
        int panelBytes = panels.Rank * PackedItemPanels.PanelWidth * sizeof(float);
        _panelsPerBlock = Math.Clamp(ItemBlockBytes / panelBytes, 1, Math.Clamp(panels.PanelCount, 1, ScoreKernel.MaxPanels));
        _tileStride = _panelsPerBlock * PackedItemPanels.PanelWidth;
        _userGroup = ScoreKernel.UserGroup;
        _tile = ArrayPool<float>.Shared.Rent(_userGroup * _tileStride);
        _selectors = new BufferedTopKSelector[maxUsersPerBlock];
        for (int r = 0; r < maxUsersPerBlock; r++)
        {
            _selectors[r] = new BufferedTopKSelector(n);
        }
        _seenCursor = new int[maxUsersPerBlock];
        _bars = new float[_userGroup];
        _passed = new ulong[_userGroup];
    }

    /// <summary>
    /// Writes the lists of users <c>[userStart, userStart + userCount)</c> into rows
    /// <c>[destinationRow, destinationRow + userCount)</c> of <paramref name="destination"/>,
    /// overwriting every slot (padding included).
    /// </summary>
    public void Process(int userStart, int userCount, TopNLists destination, int destinationRow)
    {
        int items = _panels.Items;
        int width = PackedItemPanels.PanelWidth;
        ReadOnlySpan<int> seenColumns = _seen is null ? default : _seen.ColumnIndices;
        for (int r = 0; r < userCount; r++)
        {
            _selectors[r].Reset();
            _seenCursor[r] = _seen is null ? 0 : _seen.RowPointers[userStart + r];
        }

        for (int panelFirst = 0; panelFirst < _panels.PanelCount; panelFirst += _panelsPerBlock)
        {
            int panelCount = Math.Min(_panelsPerBlock, _panels.PanelCount - panelFirst);
            int itemFirst = panelFirst * width;
            int itemEnd = Math.Min(itemFirst + (panelCount * width), items);
            for (int group = 0; group < userCount; group += _userGroup)
            {
                int groupSize = Math.Min(_userGroup, userCount - group);
                for (int q = 0; q < groupSize; q++)
                {
                    _bars[q] = _selectors[group + q].Threshold;
                }
                ScoreKernel.ScoreUsers(_userData, userStart + group, groupSize, _panels, panelFirst, panelCount, _tile, _tileStride, _bars, _passed);
                for (int q = 0; q < groupSize; q++)
                {
                    int r = group + q;
                    for (ulong panels = _passed[q]; panels != 0; panels &= panels - 1)
                    {
                        int segmentFirst = itemFirst + (BitOperations.TrailingZeroCount(panels) * width);
                        int segmentEnd = Math.Min(segmentFirst + width, itemEnd);
                        var scores = _tile.AsSpan((q * _tileStride) + (segmentFirst - itemFirst), segmentEnd - segmentFirst);
                        if (_seen is not null)
                        {
                            MaskSeen(scores, segmentFirst, segmentEnd, seenColumns, ref _seenCursor[r], _seen.RowPointers[userStart + r + 1]);
                        }
                        _selectors[r].OfferAll(scores, segmentFirst);
                    }
                }
            }
        }

        for (int r = 0; r < userCount; r++)
        {
            _selectors[r].DrainTo(destination.Items(destinationRow + r), destination.Scores(destinationRow + r));
        }
    }

    /// <inheritdoc />
    public void Dispose() => ArrayPool<float>.Shared.Return(_tile);

    /// <summary>
    /// Sets the scores of the user's seen items that fall in <c>[itemFirst, itemEnd)</c> to NaN,
    /// which the selector never takes. The cursor walks the user's sorted seen list once across all
    /// item blocks; seen items of segments that were skipped (no score reached the bar) are passed
    /// over here, on the next segment that is looked at.
    /// </summary>
    private static void MaskSeen(Span<float> scores, int itemFirst, int itemEnd, ReadOnlySpan<int> seenColumns, ref int cursor, int rowEnd)
    {
        while (cursor < rowEnd && seenColumns[cursor] < itemEnd)
        {
            int item = seenColumns[cursor];
            if (item >= itemFirst)
            {
                scores[item - itemFirst] = float.NaN;
            }
            cursor++;
        }
    }
}
