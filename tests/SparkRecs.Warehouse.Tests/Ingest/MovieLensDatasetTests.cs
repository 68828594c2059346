using SparkRecs.Warehouse.Ingest;
using SparkRecs.Warehouse.Options;
using SparkRecs.Tests.Shared;

namespace SparkRecs.Warehouse.Tests.Ingest;

public class MovieLensDatasetTests
{
    [DatasetFact("ml-100k/u.data")]
    public void Movielens_100k_reads_100000_ratings_of_943_users_on_1682_items()
    {
        var options = new IngestOptions { Path = DatasetFactAttribute.PathOf("ml-100k/u.data"), Rating = new RatingRange { Min = 1, Max = 5 } };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal((100_000L, 100_000, 943, 1682), (result.Report.RowsRead, result.Events.Count, result.Events.UserKeys.Count, result.Events.ItemKeys.Count));
        Assert.Equal(0, result.Report.RowsRejected);
        Assert.Equal(("196", "242", 3f, 881250949000L), (result.Events.UserKeys.KeyOf(result.Events.Users[0]), result.Events.ItemKeys.KeyOf(result.Events.Items[0]), result.Events.Values[0], result.Events.Timestamps[0]));
    }

    [DatasetFact("ml-latest-small/ratings.csv")]
    public void Movielens_latest_small_reads_100836_ratings_of_610_users_on_9724_movies()
    {
        var options = new IngestOptions { Format = "movielens-csv", Path = DatasetFactAttribute.PathOf("ml-latest-small/ratings.csv"), Rating = new RatingRange { Min = 0.5f, Max = 5 } };

        IngestResult result = WarehouseIngest.Run(options);

        Assert.Equal((100_836L, 100_836, 610, 9724), (result.Report.RowsRead, result.Events.Count, result.Events.UserKeys.Count, result.Events.ItemKeys.Count));
        Assert.Equal(0, result.Report.RowsRejected);
    }
}
