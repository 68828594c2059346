using SparkRecs.Core.Errors;

namespace SparkRecs.Pipeline.Config;

/// <summary>The <c>recommend</c> section: what the run produces for serving.</summary>
public sealed class RecommendSettings
{
    /// <summary>Recommendations per user, seen items excluded (<c>recommend:topN</c>).</summary>
    public int TopN { get; set; } = 100;

    /// <summary>Similar items per item (<c>recommend:similarItems</c>).</summary>
    public int SimilarItems { get; set; } = 20;

    /// <summary>Length of the popular fallback list for unknown users (<c>recommend:popular</c>).</summary>
    public int Popular { get; set; } = 100;

    /// <summary>
    /// After evaluating on the training window, retrain on the whole window (train and test) with the
    /// same parameters so the published model knows the latest events (<c>recommend:retrainOnFullWindow</c>).
    /// The evaluation numbers describe the model trained before the cutoff.
    /// </summary>
    public bool RetrainOnFullWindow { get; set; } = true;

    /// <summary>
    /// How event values become matrix entries: <c>raw</c> (sum of weights/counts, or the latest rating
    /// for explicit models) or <c>binary</c> (1 for any interaction) (<c>recommend:values</c>).
    /// </summary>
    public string Values { get; set; } = "raw";

    /// <summary>Checks every key; throws a <see cref="ConfigurationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (TopN is < 1 or > 10_000)
        {
            throw new ConfigurationException("recommend:topN", $"{TopN} must be between 1 and 10000.");
        }
        if (SimilarItems is < 0 or > 10_000)
        {
            throw new ConfigurationException("recommend:similarItems", $"{SimilarItems} must be between 0 and 10000.");
        }
        if (Popular is < 1 or > 100_000)
        {
            throw new ConfigurationException("recommend:popular", $"{Popular} must be between 1 and 100000.");
        }
        if (Values is not ("raw" or "binary"))
        {
            throw new ConfigurationException("recommend:values", $"'{Values}' is not a value mode; use 'raw' or 'binary'.");
        }
    }
}
