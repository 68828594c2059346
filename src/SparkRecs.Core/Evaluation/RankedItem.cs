namespace SparkRecs.Core.Evaluation;

/// <summary>
/// An item with its score, ordered by the ranking rule shared by evaluation and top-N: higher score
/// first, ties broken by the lower item id. <see cref="Index"/> carries the caller's slot.
/// </summary>
internal readonly record struct RankedItem(float Score, int Item, int Index) : IComparable<RankedItem>
{
    /// <summary>Whether this item is ranked strictly before the item <paramref name="otherItem"/> scored <paramref name="otherScore"/>.</summary>
    internal bool Beats(float otherScore, int otherItem) => Score > otherScore || (Score == otherScore && Item < otherItem);

    /// <summary>Sort order best first.</summary>
    public int CompareTo(RankedItem other)
    {
        if (Score != other.Score)
        {
            return Score > other.Score ? -1 : 1;
        }
        return Item.CompareTo(other.Item);
    }
}
