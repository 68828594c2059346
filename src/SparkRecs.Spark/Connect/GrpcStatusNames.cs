namespace SparkRecs.Spark.Connect;

/// <summary>The specification's names of <see cref="GrpcStatusCode"/> values (UNAVAILABLE, DEADLINE_EXCEEDED, ...).</summary>
public static class GrpcStatusNames
{
    /// <summary>The upper-snake-case name of <paramref name="code"/>, or <c>CODE_&lt;n&gt;</c> for a value outside the specification.</summary>
    public static string Of(GrpcStatusCode code) => code switch
    {
        GrpcStatusCode.Ok => "OK",
        GrpcStatusCode.Cancelled => "CANCELLED",
        GrpcStatusCode.Unknown => "UNKNOWN",
        GrpcStatusCode.InvalidArgument => "INVALID_ARGUMENT",
        GrpcStatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        GrpcStatusCode.NotFound => "NOT_FOUND",
        GrpcStatusCode.AlreadyExists => "ALREADY_EXISTS",
        GrpcStatusCode.PermissionDenied => "PERMISSION_DENIED",
        GrpcStatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        GrpcStatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        GrpcStatusCode.Aborted => "ABORTED",
        GrpcStatusCode.OutOfRange => "OUT_OF_RANGE",
        GrpcStatusCode.Unimplemented => "UNIMPLEMENTED",
        GrpcStatusCode.Internal => "INTERNAL",
        GrpcStatusCode.Unavailable => "UNAVAILABLE",
        GrpcStatusCode.DataLoss => "DATA_LOSS",
        GrpcStatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => $"CODE_{(int)code}",
    };
}
