namespace SparkRecs.Core.Baselines;

/// <summary>Settings of <see cref="ItemKnnModel"/>.</summary>
public sealed record ItemKnnOptions
{
    /// <summary>How many most similar items each item keeps (k). Default 100; at least 1.</summary>
    public int Neighbors { get; init; } = 100;

    /// <summary>
    /// Shrinkage <c>lambda</c> &gt;= 0 applied to each similarity as <c>sim * c / (c + lambda)</c>,
    /// where <c>c</c> is the number of users the two items share: pulls similarities backed by few
    /// common users towards 0. Default 0 (plain cosine).
    /// </summary>
    public float Shrinkage { get; init; }

    /// <summary>Similarities below this value (after shrinkage) are dropped. Default 0 (keep every positive one).</summary>
    public float MinSimilarity { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Neighbors < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Neighbors), Neighbors, "Item-kNN needs at least 1 neighbour per item; 20 to 200 is usual.");
        }
        if (!(Shrinkage >= 0) || float.IsInfinity(Shrinkage))
        {
            throw new ArgumentOutOfRangeException(nameof(Shrinkage), Shrinkage, "Shrinkage must be a finite value >= 0 (0 disables it).");
        }
        if (float.IsNaN(MinSimilarity))
        {
            throw new ArgumentOutOfRangeException(nameof(MinSimilarity), MinSimilarity, "The minimum similarity must be a number (0 keeps every positive similarity).");
        }
    }
}
