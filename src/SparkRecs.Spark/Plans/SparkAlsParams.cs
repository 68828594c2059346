using SparkRecs.Core.Factorization;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Plans;

/// <summary>
/// Maps the project's <see cref="AlsOptions"/> to the parameters of MLlib's ALS estimator
/// (<c>org.apache.spark.ml.recommendation.ALS</c>), by Spark param name.
/// </summary>
/// <remarks>
/// <para>Mapped: Rank -> <c>rank</c>, Iterations -> <c>maxIter</c>, RegParam -> <c>regParam</c>,
/// Implicit -> <c>implicitPrefs</c>, Alpha -> <c>alpha</c>, Nonnegative -> <c>nonnegative</c>,
/// Seed -> <c>seed</c>; plus the column names, <c>coldStartStrategy = "drop"</c> (users or items
/// without factors produce no prediction instead of NaN) and, when given, the block counts.</para>
/// <para>No MLlib equivalent (see <see cref="Differences"/>): Solver and CgSteps (MLlib solves each
/// row's normal equations exactly by Cholesky, or NNLS when non-negative), Threads (parallelism is
/// the cluster's: executors and numUserBlocks/numItemBlocks), ComputeLoss (MLlib does not report the
/// objective), and ScaleRegularizationByCount = false (MLlib always multiplies lambda by each row's
/// count, ALS-WR, for explicit and implicit alike).</para>
/// </remarks>
public static class SparkAlsParams
{
    /// <summary>The MLlib parameters for <paramref name="options"/>.</summary>
    /// <param name="options">Validated ALS options.</param>
    /// <param name="columns">Column names of the training relation.</param>
    /// <param name="blocks">numUserBlocks and numItemBlocks (MLlib's default is 10); <see langword="null"/> leaves MLlib's default.</param>
    public static MlParams From(AlsOptions options, AlsColumns columns, int? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(columns);
        options.Validate();
        var parameters = new MlParams();
        var map = parameters.Params;
        map.Add("rank", SparkLiterals.Integer(options.Rank));
        map.Add("maxIter", SparkLiterals.Integer(options.Iterations));
        map.Add("regParam", SparkLiterals.Double(options.RegParam));
        map.Add("implicitPrefs", SparkLiterals.Boolean(options.Implicit));
        map.Add("alpha", SparkLiterals.Double(options.Alpha));
        map.Add("nonnegative", SparkLiterals.Boolean(options.Nonnegative));
        map.Add("seed", SparkLiterals.Long(options.Seed));
        map.Add("userCol", SparkLiterals.String(columns.User));
        map.Add("itemCol", SparkLiterals.String(columns.Item));
        map.Add("ratingCol", SparkLiterals.String(columns.Rating));
        map.Add("coldStartStrategy", SparkLiterals.String("drop"));
        if (blocks is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(blocks));
            map.Add("numUserBlocks", SparkLiterals.Integer(count));
            map.Add("numItemBlocks", SparkLiterals.Integer(count));
        }
        return parameters;
    }

    /// <summary>
    /// How a Spark fit with <paramref name="options"/> will differ from the local engine's, one
    /// sentence per difference (empty when none), for the run report or log.
    /// </summary>
    public static IReadOnlyList<string> Differences(AlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notes = new List<string>();
        if (!options.EffectiveScaleRegularizationByCount)
        {
            notes.Add("als:scaleRegularizationByCount is off, but MLlib always scales regParam by each row's count (ALS-WR); retune als:regParam for the Spark engine.");
        }
        if (!options.Nonnegative && options.Solver == AlsSolver.ConjugateGradient)
        {
            notes.Add("als:solver is ConjugateGradient, but MLlib solves each row exactly (Cholesky); als:cgSteps is not used.");
        }
        notes.Add("als:threads is not used: Spark's parallelism comes from the executors and the user/item block counts.");
        if (options.ComputeLoss)
        {
            notes.Add("als:computeLoss is not available: MLlib does not report the objective per iteration.");
        }
        return notes;
    }
}
