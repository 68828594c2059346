using SparkRecs.Core.Data;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Evaluation.Tuning;

/// <summary>
/// Builds the user x item training matrix of a split's <see cref="EvaluationSplit.Train"/> table, in
/// the table's own (training-only) id space. Which values ALS sees is a modelling choice of the
/// caller; these are the two usual ones, each usable as <see cref="AlsTuningOptions.BuildMatrix"/>.
/// </summary>
public static class TrainingMatrix
{
    /// <summary>
    /// The stored values, repeated (user, item) events summed: play counts or event weights for
    /// implicit ALS (confidence <c>1 + alpha r</c>), or ratings for explicit ALS (ratings are not
    /// repeated in a clean log; if they are, use <see cref="Build"/> with <see cref="DuplicateEntries.Last"/>).
    /// </summary>
    public static CsrMatrix Raw(InteractionTable train) => Build(train, binary: false, DuplicateEntries.Sum);

    /// <summary>
    /// 1 for every (user, item) pair with at least one event, whatever its value: implicit ALS then
    /// uses a binary preference with confidence <c>1 + alpha</c> (how the evaluation design's
    /// MovieLens calibration treats star ratings, low ones included).
    /// </summary>
    public static CsrMatrix Binary(InteractionTable train) => Build(train, binary: true, DuplicateEntries.Max);

    /// <summary>The matrix of <paramref name="train"/> with raw or binary values, duplicates combined by <paramref name="duplicates"/>.</summary>
    public static CsrMatrix Build(InteractionTable train, bool binary, DuplicateEntries duplicates)
    {
        ArgumentNullException.ThrowIfNull(train);
        ReadOnlySpan<float> values = train.Values;
        if (binary)
        {
            var ones = new float[train.Count];
            Array.Fill(ones, 1f);
            values = ones;
        }
        return CsrMatrix.FromCoordinates(train.UserKeys.Count, train.ItemKeys.Count, train.Users, train.Items, values, duplicates);
    }
}
