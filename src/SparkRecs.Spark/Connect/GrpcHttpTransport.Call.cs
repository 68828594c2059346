using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace SparkRecs.Spark.Connect;

internal sealed partial class GrpcHttpTransport
{
    /// <summary>
    /// One call in flight: sends the request, checks the response headers, reads frames, and reads
    /// the final status. Every failure becomes a <see cref="SparkConnectException"/> naming the RPC,
    /// except the caller's own cancellation, which stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    private sealed class Call(GrpcHttpTransport transport, string rpc, TimeSpan? deadline, CancellationTokenSource? timer, CancellationToken callerToken, CancellationToken token) : IDisposable
    {
        private HttpResponseMessage? _response;
        private Stream? _body;

        public async Task StartAsync(IMessage request)
        {
            using HttpRequestMessage message = transport.BuildRequest(rpc, request, deadline);
            try
            {
                _response = await transport._http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (Exception e) when (Translate(e) is { } error)
            {
                throw error;
            }
            CheckHeaders(_response);
            if (_response is null)
            {
                // Trailers-only with status OK: a stream of no messages.
                return;
            }
            try
            {
                _body = await _response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (Translate(e) is { } error)
            {
                throw error;
            }
        }

        /// <summary>The next message's bytes, or <see langword="null"/> after the call ended with status OK.</summary>
        public async Task<byte[]?> ReadAsync()
        {
            if (_body is null || _response is null)
            {
                // A trailers-only OK response: no messages.
                return null;
            }
            byte[]? payload;
            try
            {
                payload = await GrpcFraming.ReadFrameAsync(_body, transport._maxMessageBytes, token).ConfigureAwait(false);
            }
            catch (GrpcFramingException e)
            {
                // A broken body usually means the server failed mid-stream: prefer its status when it sent one.
                throw StatusError(_response.TrailingHeaders) ?? transport.Protocol(rpc, e.Message);
            }
            catch (Exception e) when (Translate(e) is { } error)
            {
                throw error;
            }
            if (payload is not null)
            {
                return payload;
            }
            HttpHeaders trailers = _response.TrailingHeaders;
            if (Header(trailers, "grpc-status") is null)
            {
                throw transport.Protocol(rpc, "the response ended without a grpc-status trailer (a proxy may have cut the stream).");
            }
            SparkConnectException? failure = StatusError(trailers);
            return failure is null ? null : throw failure;
        }

        public void Dispose()
        {
            _body?.Dispose();
            _response?.Dispose();
        }

        private void CheckHeaders(HttpResponseMessage response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                GrpcStatusCode code = FromHttpStatus(response.StatusCode);
                string? grpcMessage = Header(response.Headers, "grpc-message");
                throw new SparkConnectException(rpc, transport._endpoint.Authority, StatusFrom(response.Headers) ?? code, grpcMessage is null ? null : DecodeMessage(grpcMessage),
                    $"The server answered HTTP {(int)response.StatusCode} instead of a gRPC response.");
            }
            if (Header(response.Headers, "grpc-status") is not null)
            {
                // Trailers-only: the status is in the headers and there is no body to read.
                Exception? error = StatusError(response.Headers);
                response.Dispose();
                _response = null;
                if (error is not null)
                {
                    throw error;
                }
                return;
            }
            string? contentType = response.Content.Headers.ContentType?.MediaType;
            if (contentType is null || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
            {
                throw transport.Protocol(rpc, $"content-type is '{contentType ?? "(none)"}', not application/grpc; the address may not be a Spark Connect server.");
            }
        }

        private SparkConnectException? StatusError(HttpHeaders headers)
        {
            GrpcStatusCode? status = StatusFrom(headers);
            if (status is null or GrpcStatusCode.Ok)
            {
                return null;
            }
            string? message = Header(headers, "grpc-message");
            SparkErrorDetails? details = SparkErrorDetails.TryRead(Header(headers, "grpc-status-details-bin"));
            string? text = message is null ? details?.Message : DecodeMessage(message);
            return new SparkConnectException(rpc, transport._endpoint.Authority, status.Value, text, details: details);
        }

        private Exception? Translate(Exception e)
        {
            if (e is SparkConnectException)
            {
                return null;
            }
            if (e is OperationCanceledException)
            {
                if (callerToken.IsCancellationRequested)
                {
                    return null;
                }
                if (timer?.IsCancellationRequested == true)
                {
                    return new SparkConnectException(rpc, transport._endpoint.Authority, GrpcStatusCode.DeadlineExceeded, null, $"The client's deadline of {deadline} passed.", e);
                }
                return null;
            }
            if (e is HttpRequestException or IOException)
            {
                string reached = _response is null ? "could not send the request" : "the connection broke while reading the response";
                return new SparkConnectException(rpc, transport._endpoint.Authority, GrpcStatusCode.Unavailable, null, $"The client {reached}: {e.Message}", e);
            }
            return null;
        }

        private static GrpcStatusCode? StatusFrom(HttpHeaders headers)
        {
            string? text = Header(headers, "grpc-status");
            if (text is null)
            {
                return null;
            }
            return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code) ? (GrpcStatusCode)code : GrpcStatusCode.Unknown;
        }

        private static string? Header(HttpHeaders headers, string name) =>
            headers.NonValidated.TryGetValues(name, out HeaderStringValues values) ? string.Join(",", values) : null;

        /// <summary>grpc-message is percent-encoded UTF-8 (spec: "Percent-Encoded").</summary>
        private static string DecodeMessage(string encoded)
        {
            try
            {
                return Uri.UnescapeDataString(encoded);
            }
            catch (UriFormatException)
            {
                return encoded;
            }
        }

        /// <summary>The gRPC specification's mapping of HTTP statuses for responses that are not gRPC.</summary>
        private static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
        {
            400 => GrpcStatusCode.Internal,
            401 => GrpcStatusCode.Unauthenticated,
            403 => GrpcStatusCode.PermissionDenied,
            404 => GrpcStatusCode.Unimplemented,
            429 or 502 or 503 or 504 => GrpcStatusCode.Unavailable,
            _ => GrpcStatusCode.Unknown,
        };
    }
}
