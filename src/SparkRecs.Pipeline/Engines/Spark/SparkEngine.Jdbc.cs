using System.Globalization;
using SparkRecs.Core.Baselines;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Stages;
using SparkRecs.Postgres.Publishing;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Plans;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>
/// <c>spark:writeMode jdbc</c>: the executors write the top-N and the factors straight into the
/// run's Postgres tables; the driver never holds the top-N.
/// </summary>
public sealed partial class SparkEngine
{
    /// <summary>
    /// After the gate passed: counts the served rows in Spark, has the publisher create the run's
    /// empty tables, sends one JDBC write (APPEND) per table, copies the similar items and the
    /// popular list it computed itself, and has the publisher check the counts, build the keys and
    /// mark the run ready. Returns the driver's artifacts (no top-N: it lives only in Postgres) and
    /// the ready run's id, which the publishing step switches to.
    /// </summary>
    /// <remarks>
    /// The similar items stay in the driver: they are computed from the item factors, which the
    /// fit fetches anyway (the evaluation and the run folder use them), and are one list per item,
    /// far fewer rows than the top-N. The popular list is a few hundred rows from the window's
    /// counts the driver already has. Both go through COPY on the publisher's connection. Any
    /// failure marks the run failed and drops its tables; the live version is untouched.
    /// </remarks>
    private async Task<(ModelArtifacts Artifacts, long RunId)> WriteThroughJdbcAsync(
        SparkConnectClient spark, FittedModel fitted, bool binary, PostgresJdbcTarget jdbc, RunInfo run, CancellationToken ct)
    {
        progress.BeginStage("recommend");
        var settings = config.Recommend;
        var sql = fitted.Sql;
        int ask = await CreateRawRecommendationsAsync(spark, fitted, settings.TopN, ct);
        foreach (string statement in sql.CreateServedViews(settings.TopN))
        {
            await spark.ExecuteAsync(SparkCommands.Sql(statement), ct);
        }
        var counts = await spark.SqlAsync(sql.CountServedRows(), ct);
        var expected = new ExternalRowCounts(
            SparkArrowResults.Scalar(counts, "recommendations", "the served row counts"),
            SparkArrowResults.Scalar(counts, "user_factors", "the served row counts"),
            SparkArrowResults.Scalar(counts, "item_factors", "the served row counts"),
            fitted.Model.Options.Rank);
        var artifacts = DriverArtifacts(fitted, new TopNLists(fitted.Trained.UserKeys.Count, 0), binary, ct);

        var publisher = publishTarget!.Publisher;
        await using var load = await publisher.BeginExternalLoadAsync(run, ct);
        try
        {
            foreach (var (view, table) in new[] { (sql.ServedTopN, load.Recommendations), (sql.ServedUserFactors, load.UserFactors), (sql.ServedItemFactors, load.ItemFactors) })
            {
                progress.Line($"executors writing {table} over JDBC ({jdbc})");
                await spark.ExecuteAsync(JdbcWritePlans.Write(SparkRelations.Table(view), table, jdbc, SparkSaveMode.Append), ct);
            }
            await DeleteModelAsync(spark, fitted.ModelId, ct);
            await publisher.LoadDriverTablesAsync(load, artifacts, cancellationToken: ct);
        }
        catch (Exception e) when (e is SparkConnectException or PublishException or DataException or OperationCanceledException)
        {
            await publisher.FailExternalLoadAsync(load, "writing the run's tables failed: " + e.Message, CancellationToken.None);
            throw;
        }
        var summary = await publisher.FinishExternalLoadAsync(load, expected, ct);
        progress.Line(PublishStage.Describe(load.RunId, summary));
        progress.EndStage(string.Create(CultureInfo.InvariantCulture,
            $"top-{settings.TopN} of {expected.UserFactors:N0} users (recommendForAllUsers({ask}), seen items removed in SQL) and the factors written by the executors; {artifacts.ItemKeys.Count:N0} items x {settings.SimilarItems} similar and {artifacts.PopularItems.Length} popular copied from the driver; run {load.RunId} ready"));
        return (artifacts, load.RunId);
    }

    /// <summary>The JDBC target given, or the one of the environment; checked before any work so a missing variable fails the run at once.</summary>
    private PostgresJdbcTarget JdbcTargetOrThrow()
    {
        if (publishTarget is null)
        {
            throw new ConfigurationException("spark:writeMode", "jdbc has the executors write into the publishing Postgres, but there is none (run:publish auto without postgres:connectionString or a PostgreSQL install); set postgres:connectionString, or use spark:writeMode driver.");
        }
        return jdbcTarget ?? PostgresJdbcTarget.FromEnvironment();
    }
}
