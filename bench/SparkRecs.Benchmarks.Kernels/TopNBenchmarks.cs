using BenchmarkDotNet.Attributes;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Benchmarks.Kernels;

/// <summary>
/// Top-100 of 64 users over 16,384 items (40 seen items per user excluded): the naive reference
/// (<c>ReferenceTopN</c>: a scalar dot product per item, then a sort of the whole catalogue per
/// user) against one worker of the fast path (<c>FactorTopNWorker</c> over <c>PackedItemPanels</c>:
/// the register-tiled <c>ScoreKernel</c> with its fused threshold flags, then the buffered
/// selection of only the panels that reach a user's bar). Times are per 64-user block; the lists are
/// identical (both define the same order).
/// </summary>
public class TopNBenchmarks
{
    private const int Users = 64;
    private const int Items = 16_384;
    private const int SeenPerUser = 40;
    private const int ListLength = 100;

    private FactorMatrix _users = null!;
    private FactorMatrix _items = null!;
    private CsrMatrix _seen = null!;
    private FactorTopNWorker _worker = null!;
    private TopNLists _lists = null!;

    /// <summary>The factor rank k.</summary>
    [Params(64, 128)]
    public int Rank { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _users = RowWorkload.RandomFactors(Users, Rank, random);
        _items = RowWorkload.RandomFactors(Items, Rank, random);
        var rows = new int[Users * SeenPerUser];
        var columns = new int[Users * SeenPerUser];
        var values = new float[Users * SeenPerUser];
        for (int n = 0; n < rows.Length; n++)
        {
            rows[n] = n / SeenPerUser;
            columns[n] = random.Next(Items);
            values[n] = 1f;
        }
        _seen = CsrMatrix.FromCoordinates(Users, Items, rows, columns, values);
        _worker = new FactorTopNWorker(_users.Data, PackedItemPanels.Pack(_items, 1), _seen, ListLength, Users);
        _lists = new TopNLists(Users, ListLength);
    }

    [GlobalCleanup]
    public void Cleanup() => _worker.Dispose();

    [Benchmark(Baseline = true, Description = "top-100, 64 users x 16,384 items: score all + sort")]
    public int Reference() => ReferenceTopN.RecommendAll(_users, _items, _seen, ListLength).ItemArray[^1];

    [Benchmark(Description = "top-100, 64 users x 16,384 items: score kernel + selection")]
    public int Kernel()
    {
        _worker.Process(0, Users, _lists, 0);
        return _lists.ItemArray[^1];
    }
}
