using Google.Protobuf;
using SparkRecs.Core.Factorization;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Golden;

/// <summary>
/// Every plan of the ALS sequence against its committed golden JSON (see <see cref="GoldenFiles"/>
/// for how to regenerate). The goldens pin what the client sends; only the opt-in real-server
/// tests show that Spark accepts it.
/// </summary>
public sealed class PlanGoldenTests
{
    private const string Model = "3f2b6f0e-9a51-4d0c-8b8e-2f6d3f0c1a77";
    private const string Uid = "als_0123456789ab";

    private static readonly PostgresJdbcTarget Target = new("jdbc:postgresql://db.internal:5432/recs", "sparkrecs", "golden-test-password");

    private static readonly AlsOptions ExplicitOptions = new()
    {
        Rank = 64,
        Iterations = 10,
        RegParam = 0.05f,
        Implicit = false,
        Alpha = 40f,
        Nonnegative = true,
        Seed = 7,
    };

    private static string Interactions => DenseIdSql.Interactions("sparkrecs_events", "user_key", "item_key", "value", "sparkrecs_user_ids", "sparkrecs_item_ids", AlsColumns.Default);

    private static string TopN => TopNSql.WithoutSeenItems("sparkrecs_raw_topn", "sparkrecs_train", "sparkrecs_user_ids", "sparkrecs_item_ids", 10, AlsColumns.Default);

    private static readonly Dictionary<string, Func<Plan>> Plans = new()
    {
        ["dense_ids_user_key_index"] = () => SparkCommands.CreateTempView(SparkRelations.Sql(DenseIdSql.KeyIndex("sparkrecs_events", "user_key")), "sparkrecs_user_ids"),
        ["dense_ids_interactions"] = () => SparkCommands.CreateTempView(SparkRelations.Sql(Interactions), "sparkrecs_train"),
        ["als_fit_defaults"] = () => SparkAlsPlans.Fit(new AlsOptions(), SparkRelations.Table("sparkrecs_train"), Uid),
        ["als_fit_explicit_with_blocks"] = () => SparkAlsPlans.Fit(ExplicitOptions, SparkRelations.Sql(Interactions), Uid, blocks: 20),
        ["als_user_factors"] = () => SparkAlsPlans.UserFactors(Model),
        ["als_item_factors"] = () => SparkAlsPlans.ItemFactors(Model),
        ["topn_max_seen"] = () => new Plan { Root = SparkRelations.Sql(TopNSql.MaxSeenPerUser("sparkrecs_train", AlsColumns.Default)) },
        ["topn_recommend_for_all_users_view"] = () => SparkCommands.CreateTempView(SparkAlsPlans.RecommendForAllUsers(Model, 10 + 37), "sparkrecs_raw_topn"),
        ["topn_without_seen_to_postgres"] = () => JdbcWritePlans.Write(SparkRelations.Sql(TopN), "sparkrecs.staging_recommendations", Target),
        ["factors_to_postgres_overwrite"] = () => JdbcWritePlans.Write(SparkAlsPlans.ItemFactors(Model).Root, "sparkrecs.staging_item_factors", Target, SparkSaveMode.Overwrite, batchSize: 5000),
        ["als_predict"] = () => new Plan { Root = SparkAlsPlans.Predict(Model, SparkRelations.Table("sparkrecs_test")) },
        ["als_delete"] = () => SparkAlsPlans.Delete(Model),
        ["sql_command"] = () => SparkCommands.Sql("DROP VIEW IF EXISTS sparkrecs_raw_topn"),
    };

    public static TheoryData<string> Names => [.. Plans.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Plan_matches_its_golden_file(string name)
    {
        string actual = GoldenFiles.Json(Plans[name]());

        string expected = ReadGolden(name);

        Assert.True(expected == actual, $"Plan '{name}' drifted from {GoldenFiles.PathOf(name)}. If the change is intended, rerun with {GoldenFiles.UpdateVariable}=1 and review the diff.\nExpected:\n{expected}\nActual:\n{actual}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Golden_json_parses_back_to_the_same_plan(string name)
    {
        Plan parsed = JsonParser.Default.Parse<Plan>(ReadGolden(name));

        Assert.Equal(Plans[name](), parsed);
    }

    /// <summary>The committed golden text; in update mode it is first rewritten from the current plan.</summary>
    private static string ReadGolden(string name)
    {
        string path = GoldenFiles.PathOf(name);
        if (GoldenFiles.Updating)
        {
            File.WriteAllText(path, GoldenFiles.Json(Plans[name]()));
        }
        Assert.True(File.Exists(path), $"Golden file {path} is missing; run with {GoldenFiles.UpdateVariable}=1 to create it, then review and commit it.");
        return File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [Fact]
    public void Every_golden_file_belongs_to_a_plan()
    {
        string folder = Path.GetDirectoryName(GoldenFiles.PathOf("x"))!;

        string[] orphans = [.. Directory.GetFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).Where(n => !Plans.ContainsKey(n!)).Select(n => n!)];

        Assert.Empty(orphans);
    }
}
