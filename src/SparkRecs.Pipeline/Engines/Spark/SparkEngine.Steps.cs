using System.Globalization;
using SparkRecs.Core.Baselines;
using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Plans;

namespace SparkRecs.Pipeline.Engines.Spark;

public sealed partial class SparkEngine
{
    /// <summary>Reads and cleans the window in Spark SQL, checks the rejected share, and fetches the cleaned events.</summary>
    private async Task<SparkIngestReport> IngestAsync(SparkConnectClient spark, CancellationToken ct)
    {
        progress.BeginStage("ingest");
        var ingest = config.Ingest;
        var window = SparkIngestSql.Window(ingest.Window, DateTimeOffset.UtcNow);
        progress.Line($"reading {config.Spark.EventsPath} ({SparkIngestSql.SourceFormat(ingest.Format)}) for {(window is { } w ? $"{w.From:yyyy-MM-dd}..{w.To:yyyy-MM-dd}" : "every partition")} on the cluster");
        await spark.ExecuteAsync(SparkCommands.CreateTempView(SparkIngestSql.Source(ingest, config.Spark.EventsPath), SparkViews.Source), ct);
        await spark.ExecuteAsync(SparkCommands.Sql(SparkIngestSql.Parsed(ingest, window)), ct);
        var counts = await spark.SqlAsync(SparkIngestSql.Counts(), ct);
        long read = SparkArrowResults.Scalar(counts, "read_rows", "the row counts of the window");
        long valid = SparkArrowResults.Scalar(counts, "valid_rows", "the row counts of the window");
        if (read == 0)
        {
            throw new DataException($"No rows in '{config.Spark.EventsPath}' for the configured window; check spark:eventsPath, ingest:window and ingest:partitioning:dateKey.");
        }
        double bad = (double)(read - valid) / read;
        if (bad > ingest.MaxBadFraction)
        {
            throw new DataException(string.Create(CultureInfo.InvariantCulture,
                $"{read - valid:N0} of {read:N0} rows ({bad:P2}) in '{config.Spark.EventsPath}' are invalid (missing user, item or time, unknown event type, bad value or rating), more than ingest:maxBadFraction = {ingest.MaxBadFraction}; check ingest:columns and ingest:timestampFormat."));
        }
        await spark.ExecuteAsync(SparkCommands.Sql(SparkIngestSql.Events(ingest)), ct);
        // Materialise the cleaned window once: every later statement (the fetch, both fits' key
        // indexes and pairs, the factor joins, the top-N) reads this cache instead of re-reading and
        // re-cleaning the files, and a file landing in the window mid-run cannot make the driver's
        // events and the cluster's disagree. The cache lives with the session, released at the end.
        await spark.ExecuteAsync(SparkCommands.Sql(SparkIngestSql.CacheEvents()), ct);
        var events = SparkArrowResults.Events(await spark.SqlAsync(SparkIngestSql.FetchEvents(), ct));
        if (events.Count == 0)
        {
            throw new DataException($"No events were left after cleaning '{config.Spark.EventsPath}' in the configured window; check ingest:window, ingest:botRule and the minimum-support keys.");
        }
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"{read:N0} rows read, {read - valid:N0} rejected; {events.Count:N0} events, {events.UserKeys.Count:N0} users, {events.ItemKeys.Count:N0} items after cleaning"));
        return new SparkIngestReport(read, valid, events);
    }

    /// <summary>Creates the model's training views over <paramref name="source"/>, fits ALS on the cluster and fetches the factors into <paramref name="trained"/>'s ids.</summary>
    private async Task<FittedModel> FitAsync(
        SparkConnectClient spark, SparkModelSql sql, string source, InteractionTable trained, AlsOptions als, bool binary, string what, CancellationToken ct)
    {
        progress.BeginStage("train");
        foreach (string statement in sql.CreateTrainingViews(source, !als.Implicit, binary))
        {
            await spark.ExecuteAsync(SparkCommands.Sql(statement), ct);
        }
        int? blocks = config.Spark.Blocks > 0 ? config.Spark.Blocks : null;
        var fit = await spark.ExecuteMlCommandAsync(SparkAlsPlans.Fit(als, SparkRelations.Table(sql.Ids), SparkAlsPlans.NewUid(), AlsColumns.Default, blocks), ct);
        string modelId;
        try
        {
            modelId = SparkAlsPlans.ModelIdOf(fit);
        }
        catch (ArgumentException e)
        {
            throw new TrainingException($"Spark's ALS fit of the {what} answered without a model: {e.Message}");
        }
        _cachedModels.Add(modelId);
        await spark.ExecuteAsync(SparkCommands.CreateTempView(SparkAlsPlans.UserFactors(modelId).Root, sql.UserFactors), ct);
        await spark.ExecuteAsync(SparkCommands.CreateTempView(SparkAlsPlans.ItemFactors(modelId).Root, sql.ItemFactors), ct);
        var users = SparkArrowResults.Factors(await spark.SqlAsync(sql.FetchUserFactors(), ct), trained.UserKeys, als.Rank, "user factors");
        var items = SparkArrowResults.Factors(await spark.SqlAsync(sql.FetchItemFactors(), ct), trained.ItemKeys, als.Rank, "item factors");
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"{what}: MLlib ALS rank {als.Rank}, {als.Iterations} iterations on the cluster; factors of {users.Rows:N0} users and {items.Rows:N0} items fetched"));
        return new FittedModel(modelId, sql, new AlsModel(users, items, als, []), trained);
    }

    /// <summary>
    /// Creates the model's raw recommendations view: recommendForAllUsers asked for
    /// <paramref name="topN"/> plus the most items one user has seen, so that <paramref name="topN"/>
    /// remain for everyone after SQL removes the seen ones. Returns that width.
    /// </summary>
    private static async Task<int> CreateRawRecommendationsAsync(SparkConnectClient spark, FittedModel fitted, int topN, CancellationToken ct)
    {
        var sql = fitted.Sql;
        long maxSeen = SparkArrowResults.Scalar(await spark.SqlAsync(sql.MaxSeen(), ct), "max_seen", "the largest seen count");
        int ask = (int)Math.Min(int.MaxValue, topN + maxSeen);
        await spark.ExecuteAsync(SparkCommands.CreateTempView(SparkAlsPlans.RecommendForAllUsers(fitted.ModelId, ask), sql.RawRecommendations), ct);
        return ask;
    }

    /// <summary>
    /// Top-N per user on the cluster (recommendForAllUsers with room for the seen items, then SQL
    /// removes them), fetched with the factors; similar items and the popular list in the driver.
    /// The model is deleted from the server's cache once its recommendations are fetched.
    /// </summary>
    private async Task<ModelArtifacts> RecommendAsync(SparkConnectClient spark, FittedModel fitted, bool binary, CancellationToken ct)
    {
        progress.BeginStage("recommend");
        var settings = config.Recommend;
        var sql = fitted.Sql;
        int ask = await CreateRawRecommendationsAsync(spark, fitted, settings.TopN, ct);
        var trained = fitted.Trained;
        var lists = SparkArrowResults.TopN(await spark.SqlAsync(sql.FetchTopN(settings.TopN), ct), trained.UserKeys, trained.ItemKeys, settings.TopN);
        await DeleteModelAsync(spark, fitted.ModelId, ct);
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"top-{settings.TopN} for {trained.UserKeys.Count:N0} users over {trained.ItemKeys.Count:N0} items (recommendForAllUsers({ask}) on the cluster, seen items removed in SQL)"));
        var artifacts = DriverArtifacts(fitted, lists, binary, ct);
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"{trained.UserKeys.Count:N0} users x top-{settings.TopN}, {artifacts.ItemKeys.Count:N0} items x {settings.SimilarItems} similar, {artifacts.PopularItems.Length} popular"));
        return artifacts;
    }

    /// <summary>
    /// The run's artifacts around <paramref name="lists"/> (the fetched top-N, or width 0 in jdbc mode):
    /// the factors fetched by the fit, the similar items from the item factors and the popular list
    /// from the window's counts, all computed in the driver.
    /// </summary>
    private ModelArtifacts DriverArtifacts(FittedModel fitted, TopNLists lists, bool binary, CancellationToken ct)
    {
        var settings = config.Recommend;
        var model = fitted.Model;
        var trained = fitted.Trained;
        var similar = settings.SimilarItems > 0
            ? SimilarItems.Compute(model.ItemFactors, settings.SimilarItems, config.Run.EffectiveThreads, ct)
            : new TopNLists(model.ItemFactors.Rows, 0);
        var matrix = Stages.InteractionMatrix.Build(trained, !model.Options.Implicit, binary);
        var popular = PopularityModel.Fit(matrix.UserItem).TopItems(settings.Popular);
        return new ModelArtifacts(trained.UserKeys, trained.ItemKeys, model.UserFactors, model.ItemFactors, lists, similar, popular.Items, popular.Scores);
    }
}
