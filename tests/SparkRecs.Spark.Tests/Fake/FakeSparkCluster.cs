using Google.Protobuf;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Fake;

/// <summary>
/// A FAKE Spark cluster behind the <see cref="FakeSparkConnectServer"/>: it answers by request
/// kind, as the Spark engine's calls need. The version question gets <see cref="Version"/>; Config
/// succeeds; an ML Fit answers with a new cached-model reference (<c>model-1</c>, <c>model-2</c>...);
/// Delete, views and SQL commands complete; a query (<c>Plan.root</c> SQL) is answered with the
/// Arrow rows <see cref="Rows"/> gives for its text. It never runs anything: the rows are scripted
/// by the test, and it records every step (<see cref="Steps"/>) so tests can assert the plans sent.
/// </summary>
public sealed class FakeSparkCluster
{
    private readonly object _gate = new();
    private readonly List<FakeSparkStep> _steps = [];
    private int _models;

    /// <summary>Connects the cluster to <paramref name="server"/>.</summary>
    public FakeSparkCluster(FakeSparkConnectServer server)
    {
        server.Responder = Answer;
    }

    /// <summary>The Spark version reported (e.g. 3.5.3 to test the refusal).</summary>
    public string Version { get; set; } = "4.0.1";

    /// <summary>Rows (an Arrow IPC stream) for a query text, or null when the test scripted none.</summary>
    public Func<string, byte[]?> Rows { get; set; } = _ => null;

    /// <summary>When it returns a message for a step, that call fails with INTERNAL and the message (a Spark error mid-run).</summary>
    public Func<FakeSparkStep, string?> FailWhen { get; set; } = _ => null;

    /// <summary>
    /// The FAKE executors a JDBC write (<c>write_operation</c>, format <c>jdbc</c>) is handed to;
    /// without one such a write fails. An exception it throws fails the call (a failed Spark job).
    /// </summary>
    public FakeJdbcExecutor? JdbcExecutor { get; set; }

    /// <summary>Every step received, in order.</summary>
    public IReadOnlyList<FakeSparkStep> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    private FakeReply? Answer(RecordedCall call)
    {
        var step = call.Rpc switch
        {
            "AnalyzePlan" => new FakeSparkStep(FakeSparkStep.Kind.Version, "", null),
            "Config" => new FakeSparkStep(FakeSparkStep.Kind.Config, string.Join(",", call.Request(ConfigRequest.Parser).Operation.Set.Pairs.Select(p => $"{p.Key}={p.Value}")), null),
            "ReleaseSession" => new FakeSparkStep(FakeSparkStep.Kind.Release, "", null),
            "ExecutePlan" => Classify(call.Request(ExecutePlanRequest.Parser).Plan),
            _ => null,
        };
        if (step is null)
        {
            return null;
        }
        lock (_gate)
        {
            _steps.Add(step);
        }
        if (FailWhen(step) is { } failure)
        {
            return FakeReply.Error(GrpcStatusCode.Internal, failure);
        }
        if (step.Type == FakeSparkStep.Kind.JdbcWrite)
        {
            if (JdbcExecutor is null)
            {
                return FakeReply.Error(GrpcStatusCode.Internal, "the fake cluster has no fake JDBC executor for a write into " + step.Text);
            }
            try
            {
                JdbcExecutor.Write(step.Plan!.Command.WriteOperation);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
            {
                return FakeReply.Error(GrpcStatusCode.Internal, "[JDBC write failed] " + e.Message);
            }
        }
        return step.Type switch
        {
            FakeSparkStep.Kind.Version => FakeReply.Ok(new AnalyzePlanResponse { SparkVersion = new AnalyzePlanResponse.Types.SparkVersion { Version = Version } }),
            FakeSparkStep.Kind.Config => FakeReply.Ok(new ConfigResponse()),
            FakeSparkStep.Kind.Release => FakeReply.Ok(new ReleaseSessionResponse()),
            FakeSparkStep.Kind.Fit => FakeReply.Ok(
                new ExecutePlanResponse { MlCommandResult = new MlCommandResult { OperatorInfo = new MlCommandResult.Types.MlOperatorInfo { ObjRef = new ObjectRef { Id = NextModel() } } } },
                Complete()),
            FakeSparkStep.Kind.Query => Rows(step.Text) is { } rows
                ? FakeReply.Ok(new ExecutePlanResponse { ArrowBatch = new ExecutePlanResponse.Types.ArrowBatch { RowCount = RowCount(rows), Data = ByteString.CopyFrom(rows) } }, Complete())
                : FakeReply.Error(GrpcStatusCode.Internal, $"the fake cluster has no rows scripted for: {step.Text}"),
            _ => FakeReply.Ok(Complete()),
        };
    }

    private string NextModel()
    {
        lock (_gate)
        {
            return "model-" + (++_models).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static FakeSparkStep Classify(Plan plan)
    {
        if (plan.Root is { } root)
        {
            return new FakeSparkStep(FakeSparkStep.Kind.Query, root.Sql?.Query ?? root.RelTypeCase.ToString(), plan);
        }
        var command = plan.Command;
        return command.CommandTypeCase switch
        {
            Command.CommandTypeOneofCase.MlCommand when command.MlCommand.Fit is { } fit => new FakeSparkStep(FakeSparkStep.Kind.Fit, fit.Dataset.Read?.NamedTable?.UnparsedIdentifier ?? "", plan),
            Command.CommandTypeOneofCase.MlCommand when command.MlCommand.Delete is { } delete => new FakeSparkStep(FakeSparkStep.Kind.Delete, string.Join(",", delete.ObjRefs.Select(r => r.Id)), plan),
            Command.CommandTypeOneofCase.CreateDataframeView => new FakeSparkStep(FakeSparkStep.Kind.View, command.CreateDataframeView.Name, plan),
            Command.CommandTypeOneofCase.WriteOperation when command.WriteOperation.Source == "jdbc" =>
                new FakeSparkStep(FakeSparkStep.Kind.JdbcWrite, command.WriteOperation.Options["dbtable"], plan),
            Command.CommandTypeOneofCase.SqlCommand => new FakeSparkStep(FakeSparkStep.Kind.SqlCommand, command.SqlCommand.Sql, plan),
            _ => new FakeSparkStep(FakeSparkStep.Kind.Other, command.CommandTypeCase.ToString(), plan),
        };
    }

    private static long RowCount(byte[] stream)
    {
        var reader = new SparkRecs.Spark.Arrow.ArrowStreamReader(stream);
        long rows = 0;
        while (reader.ReadNextBatch() is { } batch)
        {
            rows += batch.Length;
        }
        return rows;
    }

    private static ExecutePlanResponse Complete() => new() { ResultComplete = new ExecutePlanResponse.Types.ResultComplete() };
}
