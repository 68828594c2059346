using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Recommend;

/// <summary>
/// Everything one run publishes for applications to read: keyed by the training window's users and
/// items. Row <c>u</c> of <see cref="UserFactors"/> and <see cref="Recommendations"/> belongs to
/// <c>UserKeys.KeyOf(u)</c>; row <c>i</c> of <see cref="ItemFactors"/> and <see cref="SimilarItems"/>,
/// and every item id inside the lists, to <c>ItemKeys.KeyOf(i)</c>.
/// </summary>
/// <param name="UserKeys">Keys of the model's users (dense ids of the training matrix).</param>
/// <param name="ItemKeys">Keys of the model's items.</param>
/// <param name="UserFactors">One row per user.</param>
/// <param name="ItemFactors">One row per item.</param>
/// <param name="Recommendations">Top-N per user, seen items excluded.</param>
/// <param name="SimilarItems">Most similar items per item (cosine of item factors), the item itself excluded.</param>
/// <param name="PopularItems">The fallback list for users the model does not know, best first.</param>
/// <param name="PopularScores">Score of each popular item (its training popularity).</param>
public sealed record ModelArtifacts(
    KeyIndex UserKeys,
    KeyIndex ItemKeys,
    FactorMatrix UserFactors,
    FactorMatrix ItemFactors,
    TopNLists Recommendations,
    TopNLists SimilarItems,
    int[] PopularItems,
    float[] PopularScores);
