namespace SparkRecs.Spark.Connect;

/// <summary>A response body broke gRPC framing; the transport turns it into a <see cref="SparkConnectException"/> naming the RPC.</summary>
internal sealed class GrpcFramingException(string message) : Exception(message);
