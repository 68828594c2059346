using Google.Protobuf;
using SparkRecs.Spark.Connect;
using SparkRecs.Spark.Protocol;

namespace SparkRecs.Spark.Tests.Connect;

public sealed class GrpcFramingTests
{
    [Fact]
    public void A_frame_is_a_zero_flag_a_big_endian_length_and_the_message()
    {
        var message = new UserContext { UserId = "u" };

        byte[] frame = GrpcFraming.Frame(message);

        byte[] payload = message.ToByteArray();
        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)payload.Length }, frame[..5]);
        Assert.Equal(payload, frame[5..]);
    }

    [Fact]
    public void The_length_prefix_is_big_endian_for_large_messages()
    {
        var message = new UserContext { UserId = new string('x', 70_000) };

        byte[] frame = GrpcFraming.Frame(message);

        int length = (frame[1] << 24) | (frame[2] << 16) | (frame[3] << 8) | frame[4];
        Assert.Equal(frame.Length - 5, length);
        Assert.True(length > 65_536);
    }

    [Fact]
    public async Task Frames_are_read_back_in_order_then_null_at_the_end()
    {
        byte[] a = GrpcFraming.Frame(new UserContext { UserId = "a" });
        byte[] b = GrpcFraming.Frame(new UserContext());
        using var body = new MemoryStream([.. a, .. b]);

        byte[]? first = await GrpcFraming.ReadFrameAsync(body, 1024, CancellationToken.None);
        byte[]? second = await GrpcFraming.ReadFrameAsync(body, 1024, CancellationToken.None);
        byte[]? end = await GrpcFraming.ReadFrameAsync(body, 1024, CancellationToken.None);

        Assert.Equal("a", UserContext.Parser.ParseFrom(first).UserId);
        Assert.Empty(second!);
        Assert.Null(end);
    }

    [Fact]
    public async Task A_body_cut_inside_a_message_is_reported()
    {
        byte[] frame = GrpcFraming.Frame(new UserContext { UserId = "abcdef" });
        using var body = new MemoryStream(frame[..^2]);

        var error = await Assert.ThrowsAsync<GrpcFramingException>(() => GrpcFraming.ReadFrameAsync(body, 1024, CancellationToken.None).AsTask());

        Assert.Contains("inside a message", error.Message);
    }

    [Fact]
    public async Task A_body_cut_inside_a_header_is_reported()
    {
        using var body = new MemoryStream([0, 0, 0]);

        var error = await Assert.ThrowsAsync<GrpcFramingException>(() => GrpcFraming.ReadFrameAsync(body, 1024, CancellationToken.None).AsTask());

        Assert.Contains("frame header", error.Message);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_before_it_is_buffered()
    {
        using var body = new MemoryStream([0, 0x7F, 0xFF, 0xFF, 0xFF]);

        var error = await Assert.ThrowsAsync<GrpcFramingException>(() => GrpcFraming.ReadFrameAsync(body, 1024, CancellationToken.None).AsTask());

        Assert.Contains("exceeds the client's limit of 1024 bytes", error.Message);
    }

    [Fact]
    public async Task An_unknown_flag_means_the_peer_is_not_grpc()
    {
        using var body = new MemoryStream([7, 0, 0, 0, 0]);

        var error = await Assert.ThrowsAsync<GrpcFramingException>(() => GrpcFraming.ReadFrameAsync(body, 1024, CancellationToken.None).AsTask());

        Assert.Contains("flag 7", error.Message);
    }

    [Theory]
    [InlineData(300, "300m")]
    [InlineData(0.2, "1m")]
    [InlineData(99_999_999, "99999999m")]
    [InlineData(100_000_000, "100000S")]
    public void Grpc_timeout_uses_at_most_eight_digits_rounding_up(double milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcHttpTransport.EncodeTimeout(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Status_names_follow_the_grpc_specification()
    {
        Assert.Equal("DEADLINE_EXCEEDED", GrpcStatusNames.Of(GrpcStatusCode.DeadlineExceeded));
        Assert.Equal("UNAUTHENTICATED", GrpcStatusNames.Of(GrpcStatusCode.Unauthenticated));
        Assert.Equal("CODE_42", GrpcStatusNames.Of((GrpcStatusCode)42));
        Assert.All(Enum.GetValues<GrpcStatusCode>(), code => Assert.DoesNotContain("CODE_", GrpcStatusNames.Of(code)));
    }

    [Theory]
    [InlineData("4.0.0", 4, 0, true)]
    [InlineData("4.1.0-preview2", 4, 1, true)]
    [InlineData("5.0", 5, 0, true)]
    [InlineData("3.5.3", 3, 5, false)]
    [InlineData("3.4.0", 3, 4, false)]
    public void Server_versions_are_parsed_and_ml_support_starts_at_4_0(string text, int major, int minor, bool ml)
    {
        SparkServerVersion version = SparkServerVersion.TryParse(text)!;

        Assert.Equal((major, minor, ml), (version.Major, version.Minor, version.SupportsConnectMl));
    }

    [Theory]
    [InlineData("")]
    [InlineData("four")]
    [InlineData("4")]
    [InlineData("4.x")]
    public void Text_that_is_not_a_version_is_not_parsed(string text)
    {
        Assert.Null(SparkServerVersion.TryParse(text));
    }
}
