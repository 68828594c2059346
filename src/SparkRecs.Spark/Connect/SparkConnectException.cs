using SparkRecs.Core.Errors;

namespace SparkRecs.Spark.Connect;

/// <summary>
/// A Spark Connect call failed: the server answered with a non-OK gRPC status, the connection
/// failed, the deadline passed, the response broke the protocol, or the server cannot run the
/// Spark engine (a Spark older than 4.0). Exit code 7: the Spark cluster, not the data or the
/// model, is what needs attention.
/// </summary>
/// <remarks>
/// The message names the RPC, the server (host:port, never the token), the status name, the
/// server's own message and what to do. Caller cancellation is not reported with this type: it
/// surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class SparkConnectException : SparkRecsException
{
    internal SparkConnectException(string rpc, string server, GrpcStatusCode statusCode, string? serverMessage, string? detail = null, Exception? inner = null, string? advice = null, SparkErrorDetails? details = null)
        : base(Compose(rpc, server, statusCode, serverMessage, detail, advice, details), inner)
    {
        Rpc = rpc;
        Server = server;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        Details = details;
    }

    /// <summary>The RPC that failed, e.g. <c>ExecutePlan</c>.</summary>
    public string Rpc { get; }

    /// <summary>The server's <c>host:port</c>.</summary>
    public string Server { get; }

    /// <summary>The gRPC status (from the server's trailers, or decided by the client for transport failures).</summary>
    public GrpcStatusCode StatusCode { get; }

    /// <summary>The server's <c>grpc-message</c>, percent-decoded, or <see langword="null"/> when the failure is on the client side.</summary>
    public string? ServerMessage { get; }

    /// <summary>Spark's exception class, error class and SQL state, when the server sent them (grpc-status-details-bin).</summary>
    public SparkErrorDetails? Details { get; }

    /// <summary>Spark's error class (e.g. TABLE_OR_VIEW_NOT_FOUND), or <see langword="null"/>.</summary>
    public string? ErrorClass => Details?.ErrorClass;

    /// <inheritdoc />
    public override int ExitCode => 7;

    private static string Compose(string rpc, string server, GrpcStatusCode code, string? serverMessage, string? detail, string? advice, SparkErrorDetails? details)
    {
        string said = string.IsNullOrWhiteSpace(serverMessage) ? "" : $" Server says: {serverMessage.Trim()}";
        if (details?.ExceptionClass is { } exceptionClass)
        {
            string errorClass = details.ErrorClass is null ? "" : $", error class {details.ErrorClass}";
            string sqlState = details.SqlState is null ? "" : $", SQL state {details.SqlState}";
            said += $" ({exceptionClass}{errorClass}{sqlState})";
        }
        string what = detail is null ? "" : $" {detail}";
        return $"Spark Connect {rpc} on {server} failed with {GrpcStatusNames.Of(code)}.{what}{said} {advice ?? Advice(code, server)}";
    }

    private static string Advice(GrpcStatusCode code, string server) => code switch
    {
        GrpcStatusCode.Unavailable => $"Check that the Spark Connect server is running ($SPARK_HOME/sbin/start-connect-server.sh) and reachable at {server}, then rerun.",
        GrpcStatusCode.Unauthenticated => "Check the bearer token: the Spark engine reads it from SPARKRECS_SPARK_TOKEN (a token=... in the connection string of a configuration file is refused).",
        GrpcStatusCode.PermissionDenied => "The token or user_id is not allowed to do this on the cluster; ask its administrator for access.",
        GrpcStatusCode.DeadlineExceeded => "The call took longer than its deadline; raise the timeout in the client options or make the job smaller.",
        GrpcStatusCode.Unimplemented => "The server does not implement this call: it is probably not a Spark 4 Connect server, or a proxy in between does not speak gRPC.",
        GrpcStatusCode.ResourceExhausted => "The server ran out of a resource (memory, ML cache, message size); lower the rank or batch sizes, or raise the server's limits (spark.connect.*).",
        GrpcStatusCode.FailedPrecondition => "The server's state does not allow this call (e.g. the session was released or the server restarted); rerun the job.",
        GrpcStatusCode.InvalidArgument => "Spark rejected the plan; the server's message names the column, table or parameter.",
        GrpcStatusCode.Cancelled => "The server or a proxy cancelled the call; rerun the job.",
        _ => "See the Spark driver log for the stack trace of this operation.",
    };
}
