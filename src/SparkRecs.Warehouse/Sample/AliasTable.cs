namespace SparkRecs.Warehouse.Sample;

/// <summary>
/// Samples index i with probability w[i] / Σw in O(1): Walker's alias method as built by Vose
/// (1991). Each slot keeps a probability of itself and an alias taking the rest of its mass.
/// </summary>
internal sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    public AliasTable(ReadOnlySpan<double> weights)
    {
        int n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("An alias table needs at least one weight.", nameof(weights));
        }
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }
        _probability = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            int less = small.Pop();
            int more = large.Pop();
            _probability[less] = scaled[less];
            _alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1.0;
            (scaled[more] < 1.0 ? small : large).Push(more);
        }
        foreach (int i in large)
        {
            _probability[i] = 1.0;
        }
        foreach (int i in small)
        {
            _probability[i] = 1.0;
        }
    }

    public int Count => _probability.Length;

    public int Sample(SampleRandom random)
    {
        int slot = random.NextInt(_probability.Length);
        return random.NextDouble() < _probability[slot] ? slot : _alias[slot];
    }

    /// <summary>Zipf weights 1 / (rank + 1)^s for ranks 0..n-1.</summary>
    public static double[] ZipfWeights(int n, double exponent)
    {
        var weights = new double[n];
        for (int rank = 0; rank < n; rank++)
        {
            weights[rank] = 1.0 / Math.Pow(rank + 1, exponent);
        }
        return weights;
    }
}
