using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class RowPartitionerTests
{
    [Theory]
    [InlineData(0, 7, 3)]
    [InlineData(1, 7, 3)]
    [InlineData(100, 7, 1)]
    [InlineData(100, 7, 4)]
    [InlineData(10, 64, 8)]
    public void Visits_every_index_exactly_once(int count, int chunkSize, int threads)
    {
        var visits = new int[count];
        var workers = Enumerable.Range(0, threads).ToArray();

        RowPartitioner.Run(count, chunkSize, workers, CancellationToken.None, (_, start, end) =>
        {
            Assert.InRange(end - start, 1, chunkSize);
            for (int i = start; i < end; i++)
            {
                Interlocked.Increment(ref visits[i]);
            }
        });

        Assert.All(visits, v => Assert.Equal(1, v));
    }

    [Fact]
    public void A_cancelled_token_stops_the_run()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => RowPartitioner.Run(1000, 10, 2, source.Token, (_, _) => { }));
    }
}
