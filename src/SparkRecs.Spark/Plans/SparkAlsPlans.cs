using SparkRecs.Core.Factorization;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Plans;

/// <summary>
/// The plans of the ALS sequence over Spark Connect ML (Spark 4.0+): fit the estimator (the server
/// caches the model and returns a reference), fetch its user and item factors, ask it for top-N
/// recommendations or predictions, and delete it from the server's ML cache when done.
/// </summary>
/// <remarks>
/// The server's ML cache is bounded (spark.connect.session.connectML.mlCache.*): fit, write the
/// results out, then <see cref="Delete"/> the model rather than keeping it cached.
/// </remarks>
public static class SparkAlsPlans
{
    /// <summary>MLlib's ALS estimator class.</summary>
    public const string EstimatorClass = "org.apache.spark.ml.recommendation.ALS";

    /// <summary>A fresh estimator uid in MLlib's style, <c>als_</c> and 12 hex digits.</summary>
    public static string NewUid() => "als_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Fits ALS on <paramref name="dataset"/> (columns per <paramref name="columns"/>).</summary>
    /// <param name="options">ALS hyper-parameters (see <see cref="SparkAlsParams"/> for the mapping).</param>
    /// <param name="dataset">The training relation: integer user and item ids, float rating.</param>
    /// <param name="uid">The estimator uid (<see cref="NewUid"/>).</param>
    /// <param name="columns">Column names; <see cref="AlsColumns.Default"/> when <see langword="null"/>.</param>
    /// <param name="blocks">numUserBlocks/numItemBlocks, or <see langword="null"/> for MLlib's default.</param>
    /// <returns>An ML command; its result's <c>operator_info.obj_ref.id</c> names the cached model (<see cref="ModelIdOf"/>).</returns>
    public static Plan Fit(AlsOptions options, Relation dataset, string uid, AlsColumns? columns = null, int? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        var fit = new MlCommand.Types.Fit
        {
            Estimator = new MlOperator { Name = EstimatorClass, Uid = uid, Type = MlOperator.Types.OperatorType.Estimator },
            Params = SparkAlsParams.From(options, columns ?? AlsColumns.Default, blocks),
            Dataset = dataset,
        };
        return MlPlan(new MlCommand { Fit = fit });
    }

    /// <summary>The model's user factors, a DataFrame <c>(id int, features array&lt;float&gt;)</c>.</summary>
    public static Plan UserFactors(string modelId) => new() { Root = Call(modelId, "userFactors") };

    /// <summary>The model's item factors, a DataFrame <c>(id int, features array&lt;float&gt;)</c>.</summary>
    public static Plan ItemFactors(string modelId) => new() { Root = Call(modelId, "itemFactors") };

    /// <summary>
    /// The model's top <paramref name="count"/> items for every user, a DataFrame
    /// <c>(user int, recommendations array&lt;struct&lt;item int, rating float&gt;&gt;)</c>. Items the user
    /// has already seen are NOT removed: ask for N + the largest seen count and filter with
    /// <see cref="TopNSql.WithoutSeenItems"/>.
    /// </summary>
    public static Relation RecommendForAllUsers(string modelId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Call(modelId, "recommendForAllUsers", SparkLiterals.Integer(count));
    }

    /// <summary>The model's predictions for the (user, item) pairs of <paramref name="input"/> (adds a <c>prediction</c> column).</summary>
    public static Relation Predict(string modelId, Relation input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new Relation
        {
            MlRelation = new MlRelation
            {
                Transform = new MlRelation.Types.Transform { ObjRef = Ref(modelId), Input = input, Params = new MlParams() },
            },
        };
    }

    /// <summary>Removes cached models from the server's ML cache.</summary>
    public static Plan Delete(params string[] modelIds)
    {
        ArgumentNullException.ThrowIfNull(modelIds);
        ArgumentOutOfRangeException.ThrowIfZero(modelIds.Length, nameof(modelIds));
        var delete = new MlCommand.Types.Delete();
        delete.ObjRefs.AddRange(modelIds.Select(Ref));
        return MlPlan(new MlCommand { Delete = delete });
    }

    /// <summary>The cached model's id from a Fit's result.</summary>
    /// <exception cref="ArgumentException">The result does not reference a cached object.</exception>
    public static string ModelIdOf(MlCommandResult fitResult)
    {
        ArgumentNullException.ThrowIfNull(fitResult);
        string? id = fitResult.OperatorInfo?.ObjRef?.Id;
        return string.IsNullOrEmpty(id)
            ? throw new ArgumentException($"The ML result ({fitResult.ResultTypeCase}) does not reference a cached model (operator_info.obj_ref.id); was it the result of a Fit?", nameof(fitResult))
            : id;
    }

    private static Relation Call(string modelId, string method, params Expression.Types.Literal[] arguments)
    {
        var call = new Fetch.Types.Method { Method_ = method };
        call.Args.AddRange(arguments.Select(a => new Fetch.Types.Method.Types.Args { Param = a }));
        var fetch = new Fetch { ObjRef = Ref(modelId) };
        fetch.Methods.Add(call);
        return new Relation { MlRelation = new MlRelation { Fetch = fetch } };
    }

    private static ObjectRef Ref(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ObjectRef { Id = modelId };
    }

    private static Plan MlPlan(MlCommand command) => new() { Command = new Command { MlCommand = command } };
}
