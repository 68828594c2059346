namespace SparkRecs.Spark.Connect;

/// <summary>
/// The gRPC status codes (the <c>grpc-status</c> trailer). Names follow the gRPC specification
/// in upper snake case when shown to users (<see cref="GrpcStatusNames"/>).
/// </summary>
public enum GrpcStatusCode
{
    /// <summary>Success.</summary>
    Ok = 0,
    /// <summary>The call was cancelled, usually by the caller.</summary>
    Cancelled = 1,
    /// <summary>An error the server could not classify (Spark reports most query errors with INTERNAL or UNKNOWN).</summary>
    Unknown = 2,
    /// <summary>The request is invalid regardless of server state (e.g. an unparseable plan).</summary>
    InvalidArgument = 3,
    /// <summary>The deadline passed before the call completed.</summary>
    DeadlineExceeded = 4,
    /// <summary>Something the call names does not exist.</summary>
    NotFound = 5,
    /// <summary>Something the call creates already exists.</summary>
    AlreadyExists = 6,
    /// <summary>The caller is authenticated but not allowed.</summary>
    PermissionDenied = 7,
    /// <summary>A resource (memory, cache quota) ran out.</summary>
    ResourceExhausted = 8,
    /// <summary>The server state does not allow the call (e.g. a released session).</summary>
    FailedPrecondition = 9,
    /// <summary>The call was aborted by a concurrency conflict.</summary>
    Aborted = 10,
    /// <summary>A value is outside its valid range.</summary>
    OutOfRange = 11,
    /// <summary>The server does not implement the method.</summary>
    Unimplemented = 12,
    /// <summary>The server failed internally.</summary>
    Internal = 13,
    /// <summary>The server cannot be reached or is shutting down; usually worth retrying later.</summary>
    Unavailable = 14,
    /// <summary>Data was lost or corrupted.</summary>
    DataLoss = 15,
    /// <summary>The call carries no valid credentials.</summary>
    Unauthenticated = 16,
}
