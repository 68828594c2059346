using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Evaluation;

/// <summary>
/// The probability that an item's relevant interactions were observed at all, used to re-weight
/// test items (inverse propensity weighting): observations are missing not at random, popular items
/// are observed far more often, so a naive average rewards recommending what is already popular.
/// </summary>
/// <remarks>
/// The popularity model (Yang et al., RecSys 2018; Saito et al., WSDM 2020) sets
/// p_i = max((n_i / max_j n_j)^eta, p_min), with n_i the number of training users of item i (the
/// training window only, so no test information leaks in). Yang et al. write eta as (gamma + 1) / 2;
/// Saito et al. use eta = 0.5. The clip p_min bounds every weight 1 / p_i by 1 / p_min; a cold item
/// (n_i = 0) gets p_min.
/// </remarks>
public sealed class ItemPropensity
{
    private readonly double[] _values;

    private ItemPropensity(double[] values, double cold)
    {
        _values = values;
        Cold = cold;
    }

    /// <summary>Propensity of a cold item (one not seen in training).</summary>
    public double Cold { get; }

    /// <summary>Number of items with a propensity.</summary>
    public int ItemCount => _values.Length;

    /// <summary>Propensity per train-space item id.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Propensity of train-space item <paramref name="item"/>, or <see cref="Cold"/> when it is -1.</summary>
    public double Of(int item) => item < 0 ? Cold : _values[item];

    /// <summary>The popularity propensity from training counts n_i.</summary>
    /// <param name="trainingCounts">n_i per train-space item.</param>
    /// <param name="eta">Exponent (default 0.5).</param>
    /// <param name="minPropensity">Lower clip p_min in (0, 1]; also the propensity of items with n_i = 0.</param>
    public static ItemPropensity FromTrainingCounts(ReadOnlySpan<int> trainingCounts, double eta, double minPropensity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eta);
        if (!(minPropensity > 0 && minPropensity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minPropensity), minPropensity, "The propensity clip must be in (0, 1]; unclipped propensities go through FromValues.");
        }
        int max = 0;
        foreach (int n in trainingCounts)
        {
            max = Math.Max(max, n);
        }
        double floor = minPropensity;
        var values = new double[trainingCounts.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double share = max == 0 ? 0 : (double)trainingCounts[i] / max;
            values[i] = Math.Max(Math.Pow(share, eta), floor);
        }
        return new ItemPropensity(values, floor);
    }

    /// <summary>The popularity propensity of the items of a training matrix (n_i = stored entries of column i).</summary>
    public static ItemPropensity FromTrainingMatrix(CsrMatrix trainUserItem, double eta, double minPropensity)
        => FromTrainingCounts(TrainingCounts(trainUserItem), eta, minPropensity);

    /// <summary>Given propensities (e.g. from a different model), used as they are: no clipping.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive and finite.</exception>
    public static ItemPropensity FromValues(double[] values, double cold)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!(values[i] > 0) || double.IsInfinity(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"Propensity of item {i} must be positive and finite.");
            }
        }
        if (!(cold > 0) || double.IsInfinity(cold))
        {
            throw new ArgumentOutOfRangeException(nameof(cold), cold, "The cold-item propensity must be positive and finite.");
        }
        return new ItemPropensity((double[])values.Clone(), cold);
    }

    /// <summary>n_i: the number of training users of each item (stored entries per column).</summary>
    public static int[] TrainingCounts(CsrMatrix trainUserItem)
    {
        var counts = new int[trainUserItem.Columns];
        foreach (int column in trainUserItem.ColumnIndices)
        {
            counts[column]++;
        }
        return counts;
    }
}
