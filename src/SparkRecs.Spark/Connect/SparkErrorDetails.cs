using Google.Protobuf;
using SparkRecs.Spark.Protocol.Rpc;

namespace SparkRecs.Spark.Connect;

/// <summary>
/// What Spark says about a failure beyond the status and message, from the
/// <c>grpc-status-details-bin</c> trailer (a base64 <c>google.rpc.Status</c> whose details hold a
/// <c>google.rpc.ErrorInfo</c>): the JVM exception class and Spark's error class and SQL state.
/// </summary>
/// <param name="ExceptionClass">The server-side exception class, e.g. <c>org.apache.spark.sql.AnalysisException</c>.</param>
/// <param name="ErrorClass">Spark's error class, e.g. <c>TABLE_OR_VIEW_NOT_FOUND</c>, when the error has one.</param>
/// <param name="SqlState">The SQL state, e.g. <c>42P01</c>, when the error has one.</param>
/// <param name="Message">The status message inside the details (not truncated like the header can be).</param>
public sealed record SparkErrorDetails(string? ExceptionClass, string? ErrorClass, string? SqlState, string? Message)
{
    private const string ErrorInfoType = "google.rpc.ErrorInfo";

    /// <summary>Decodes the trailer's value; <see langword="null"/> when absent or not decodable (details are a bonus, never a reason to fail).</summary>
    internal static SparkErrorDetails? TryRead(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return null;
        }
        try
        {
            // Binary metadata is base64; gRPC implementations may omit the padding.
            string padded = headerValue.Trim();
            padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
            Status status = Status.Parser.ParseFrom(Convert.FromBase64String(padded));
            ErrorInfo? info = status.Details
                .Where(d => d.TypeUrl.EndsWith("/" + ErrorInfoType, StringComparison.Ordinal) || d.TypeUrl == ErrorInfoType)
                .Select(d => ErrorInfo.Parser.ParseFrom(d.Value))
                .FirstOrDefault();
            string? message = string.IsNullOrEmpty(status.Message) ? null : status.Message;
            if (info is null)
            {
                return message is null ? null : new SparkErrorDetails(null, null, null, message);
            }
            return new SparkErrorDetails(
                string.IsNullOrEmpty(info.Reason) ? null : info.Reason,
                info.Metadata.TryGetValue("errorClass", out string? errorClass) && errorClass.Length > 0 ? errorClass : null,
                info.Metadata.TryGetValue("sqlState", out string? sqlState) && sqlState.Length > 0 ? sqlState : null,
                message);
        }
        catch (Exception e) when (e is FormatException or InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
