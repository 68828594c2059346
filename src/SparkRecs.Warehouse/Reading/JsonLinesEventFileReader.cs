using System.Buffers;
using System.Text;
using System.Text.Json;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// Reads JSON lines (<c>.jsonl</c>, gzipped or not): one JSON object per line, the column mapping
/// naming its top-level properties (ordinal, case-sensitive, as JSON is).
/// </summary>
/// <remarks>
/// Each line is encoded to UTF-8 into a pooled buffer and walked with <see cref="Utf8JsonReader"/>;
/// only the mapped properties are copied out (strings unescaped, numbers and booleans as written,
/// <c>null</c> as empty); nested values are skipped. A property absent from a row falls back to a
/// partition value of the same name, else it is empty. A line that is not a JSON object is
/// rejected as <see cref="RejectReason.BadJson"/>.
/// </remarks>
public sealed class JsonLinesEventFileReader : IEventFileReader
{
    private const int FieldCount = 5;
    private const int ProgressEveryRows = 1 << 16;

    /// <inheritdoc />
    public bool CanRead(EventFile file, EventFormat format)
    {
        string extension = EventFileStreams.DataExtension(file.Path);
        return format == EventFormat.JsonLines && extension != ".parquet"
            || format == EventFormat.Auto && extension == ".jsonl";
    }

    /// <inheritdoc />
    public void Read(EventFileContext context, IEventSink sink, CancellationToken cancellationToken)
    {
        ColumnMapping columns = context.ColumnsFor(EventFormat.JsonLines);
        string?[] names = [columns.User, columns.Item, columns.Timestamp, columns.Value, columns.EventType];
        var utf8Names = new byte[FieldCount][];
        var fallbacks = new string?[FieldCount];
        for (int f = 0; f < FieldCount; f++)
        {
            utf8Names[f] = string.IsNullOrWhiteSpace(names[f]) ? [] : Encoding.UTF8.GetBytes(names[f]!.Trim());
            fallbacks[f] = string.IsNullOrWhiteSpace(names[f]) ? null : context.File.PartitionValue(names[f]!.Trim());
        }

        using StreamReader text = EventFileStreams.OpenText(context.File.Path, out FileStream file);
        using var lines = new DelimitedRecordReader(text, '\n', quoting: false, context.File.Path);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(4096);
        char[] values = ArrayPool<char>.Shared.Rent(1024);
        Span<int> starts = stackalloc int[FieldCount];
        Span<int> lengths = stackalloc int[FieldCount];
        try
        {
            long rows = 0;
            while (lines.MoveNext())
            {
                if (++rows % ProgressEveryRows == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sink.OnBytesRead(file.Position);
                }
                ReadOnlySpan<char> line = lines.Record;
                int byteCount = Encoding.UTF8.GetMaxByteCount(line.Length);
                if (bytes.Length < byteCount)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                    bytes = ArrayPool<byte>.Shared.Rent(byteCount);
                }
                if (values.Length < byteCount)
                {
                    ArrayPool<char>.Shared.Return(values);
                    values = ArrayPool<char>.Shared.Rent(byteCount);
                }
                int used = Encoding.UTF8.GetBytes(line, bytes);
                if (!TryExtract(bytes.AsSpan(0, used), utf8Names, values, starts, lengths))
                {
                    sink.OnMalformed(lines.Line, RejectReason.BadJson, line, "the line is not a JSON object");
                    continue;
                }
                sink.OnEvent(new EventFields(
                    lines.Line,
                    FieldOf(0, values, starts, lengths, fallbacks),
                    FieldOf(1, values, starts, lengths, fallbacks),
                    FieldOf(2, values, starts, lengths, fallbacks),
                    FieldOf(3, values, starts, lengths, fallbacks),
                    FieldOf(4, values, starts, lengths, fallbacks),
                    line));
            }
            sink.OnBytesRead(file.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(values);
        }
    }

    private static ReadOnlySpan<char> FieldOf(int f, char[] values, Span<int> starts, Span<int> lengths, string?[] fallbacks)
        => starts[f] >= 0 ? values.AsSpan(starts[f], lengths[f]) : fallbacks[f].AsSpan();

    /// <summary>Copies the mapped top-level properties of one JSON object into <paramref name="values"/>; false when the line is not an object.</summary>
    private static bool TryExtract(ReadOnlySpan<byte> json, byte[][] names, char[] values, Span<int> starts, Span<int> lengths)
    {
        starts.Fill(-1);
        lengths.Clear();
        int used = 0;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int field = -1;
                for (int f = 0; f < names.Length; f++)
                {
                    if (names[f].Length > 0 && reader.ValueTextEquals(names[f]))
                    {
                        field = f;
                        break;
                    }
                }
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }
                if (field < 0)
                {
                    continue;
                }
                int written = reader.TokenType switch
                {
                    JsonTokenType.String => reader.CopyString(values.AsSpan(used)),
                    JsonTokenType.Null => 0,
                    _ => Encoding.UTF8.GetChars(reader.ValueSpan, values.AsSpan(used)),
                };
                starts[field] = used;
                lengths[field] = written;
                used += written;
            }
            return reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
