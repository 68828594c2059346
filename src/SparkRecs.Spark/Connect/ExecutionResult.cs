using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Connect;

/// <summary>Everything one ExecutePlan call returned, gathered after its stream ended with status OK.</summary>
/// <param name="OperationId">The operation id the client gave the execution (the server echoes it in every response).</param>
/// <param name="Batches">Result rows as Arrow IPC streams, in server order; empty for commands.</param>
/// <param name="MlCommandResult">The ML command's result (a fitted model's reference, an evaluator's metric), if any.</param>
/// <param name="SqlCommandResult">A SQL command's result relation, if any.</param>
/// <param name="ResultComplete">Whether the server marked the result complete (Spark sends ResultComplete last).</param>
public sealed record ExecutionResult(
    string OperationId,
    IReadOnlyList<ArrowBatch> Batches,
    MlCommandResult? MlCommandResult,
    Relation? SqlCommandResult,
    bool ResultComplete)
{
    /// <summary>Total rows over <see cref="Batches"/>.</summary>
    public long RowCount => Batches.Sum(b => b.RowCount);
}
