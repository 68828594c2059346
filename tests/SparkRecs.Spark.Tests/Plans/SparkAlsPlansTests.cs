using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Spark.Plans;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Plans;

public sealed class SparkAlsPlansTests
{
    private static IDictionary<string, Expression.Types.Literal> ParamsOf(Plan fit) => fit.Command.MlCommand.Fit.Params.Params;

    [Fact]
    public void Fit_maps_each_option_to_its_mllib_param_with_the_type_spark_expects()
    {
        var options = new AlsOptions { Rank = 48, Iterations = 12, RegParam = 0.1f, Implicit = false, Alpha = 2.5f, Nonnegative = true, Seed = 99 };

        var parameters = ParamsOf(SparkAlsPlans.Fit(options, SparkRelations.Table("t"), "als_1"));

        Assert.Equal(48, parameters["rank"].Integer);
        Assert.Equal(12, parameters["maxIter"].Integer);
        Assert.Equal(0.1, parameters["regParam"].Double);
        Assert.False(parameters["implicitPrefs"].Boolean);
        Assert.Equal(2.5, parameters["alpha"].Double);
        Assert.True(parameters["nonnegative"].Boolean);
        Assert.Equal(99L, parameters["seed"].Long);
        Assert.Equal(Expression.Types.Literal.LiteralTypeOneofCase.Long, parameters["seed"].LiteralTypeCase);
        Assert.Equal("drop", parameters["coldStartStrategy"].String);
    }

    [Fact]
    public void Fit_names_the_estimator_class_uid_and_type_and_carries_the_dataset()
    {
        Plan plan = SparkAlsPlans.Fit(new AlsOptions(), SparkRelations.Sql("SELECT 1"), "als_abc");

        MlCommand.Types.Fit fit = plan.Command.MlCommand.Fit;
        Assert.Equal(("org.apache.spark.ml.recommendation.ALS", "als_abc", MlOperator.Types.OperatorType.Estimator), (fit.Estimator.Name, fit.Estimator.Uid, fit.Estimator.Type));
        Assert.Equal("SELECT 1", fit.Dataset.Sql.Query);
    }

    [Fact]
    public void Block_counts_are_left_to_mllib_unless_given()
    {
        var without = ParamsOf(SparkAlsPlans.Fit(new AlsOptions(), SparkRelations.Table("t"), "als_1"));
        var with = ParamsOf(SparkAlsPlans.Fit(new AlsOptions(), SparkRelations.Table("t"), "als_1", blocks: 40));

        Assert.False(without.ContainsKey("numUserBlocks"));
        Assert.Equal((40, 40), (with["numUserBlocks"].Integer, with["numItemBlocks"].Integer));
    }

    [Fact]
    public void Custom_column_names_reach_the_estimator()
    {
        var parameters = ParamsOf(SparkAlsPlans.Fit(new AlsOptions(), SparkRelations.Table("t"), "als_1", new AlsColumns("uid", "iid", "strength")));

        Assert.Equal(("uid", "iid", "strength"), (parameters["userCol"].String, parameters["itemCol"].String, parameters["ratingCol"].String));
    }

    [Fact]
    public void Invalid_options_are_refused_before_a_plan_is_built()
    {
        var error = Assert.Throws<ConfigurationException>(() => SparkAlsPlans.Fit(new AlsOptions { Rank = 0 }, SparkRelations.Table("t"), "als_1"));

        Assert.Equal("als:rank", error.Key);
    }

    [Fact]
    public void Differences_name_the_options_mllib_cannot_honour()
    {
        IReadOnlyList<string> implicitDefaults = SparkAlsParams.Differences(new AlsOptions());
        IReadOnlyList<string> closest = SparkAlsParams.Differences(new AlsOptions { Implicit = false, Solver = AlsSolver.Cholesky, ComputeLoss = false });

        Assert.Contains(implicitDefaults, n => n.Contains("als:scaleRegularizationByCount"));
        Assert.Contains(implicitDefaults, n => n.Contains("als:solver"));
        Assert.Contains(implicitDefaults, n => n.Contains("als:computeLoss"));
        Assert.Equal(["als:threads is not used: Spark's parallelism comes from the executors and the user/item block counts."], closest);
    }

    [Fact]
    public void New_uids_look_like_mllib_uids_and_differ()
    {
        string a = SparkAlsPlans.NewUid();
        string b = SparkAlsPlans.NewUid();

        Assert.Matches("^als_[0-9a-f]{12}$", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Recommend_for_all_users_calls_the_model_method_with_an_integer_count()
    {
        Relation relation = SparkAlsPlans.RecommendForAllUsers("m-1", 25);

        Fetch fetch = relation.MlRelation.Fetch;
        Assert.Equal("m-1", fetch.ObjRef.Id);
        Assert.Equal("recommendForAllUsers", fetch.Methods.Single().Method_);
        Assert.Equal(25, fetch.Methods.Single().Args.Single().Param.Integer);
        Assert.Throws<ArgumentOutOfRangeException>(() => SparkAlsPlans.RecommendForAllUsers("m-1", 0));
    }

    [Fact]
    public void Factors_are_fetched_by_method_name_without_arguments()
    {
        Assert.Equal("userFactors", SparkAlsPlans.UserFactors("m").Root.MlRelation.Fetch.Methods.Single().Method_);
        Assert.Equal("itemFactors", SparkAlsPlans.ItemFactors("m").Root.MlRelation.Fetch.Methods.Single().Method_);
        Assert.Empty(SparkAlsPlans.ItemFactors("m").Root.MlRelation.Fetch.Methods.Single().Args);
    }

    [Fact]
    public void Delete_lists_every_model_and_needs_at_least_one()
    {
        Plan plan = SparkAlsPlans.Delete("a", "b");

        Assert.Equal(["a", "b"], plan.Command.MlCommand.Delete.ObjRefs.Select(r => r.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparkAlsPlans.Delete());
    }

    [Fact]
    public void The_model_id_is_read_from_a_fit_result_and_other_results_are_refused()
    {
        var fitted = new MlCommandResult { OperatorInfo = new MlCommandResult.Types.MlOperatorInfo { ObjRef = new ObjectRef { Id = "m-9" } } };
        var metric = new MlCommandResult { Param = new Expression.Types.Literal { Double = 0.3 } };

        Assert.Equal("m-9", SparkAlsPlans.ModelIdOf(fitted));
        var error = Assert.Throws<ArgumentException>(() => SparkAlsPlans.ModelIdOf(metric));
        Assert.Contains("Param", error.Message);
    }
}
