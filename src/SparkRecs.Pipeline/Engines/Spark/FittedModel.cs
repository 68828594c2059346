using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>An ALS model fitted on the cluster and still in its ML cache, with its factors in the driver.</summary>
/// <param name="ModelId">The server's reference to the cached model.</param>
/// <param name="Sql">The model's views.</param>
/// <param name="Model">The factors, rows in the ids of <paramref name="Trained"/>'s key indexes.</param>
/// <param name="Trained">The events it was trained on, as the driver holds them.</param>
internal sealed record FittedModel(string ModelId, SparkModelSql Sql, AlsModel Model, InteractionTable Trained);
