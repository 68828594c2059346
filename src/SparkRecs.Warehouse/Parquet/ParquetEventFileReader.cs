using System.Text;
using SparkRecs.Core.Errors;
using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;
using SparkRecs.Warehouse.Parquet.Ingest;
using SparkRecs.Warehouse.Reading;

namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// Reads <c>.parquet</c> event files (flat schemas, as Spark, Hive, DuckDB or Arrow write them) into the
/// ingest, row group by row group, under <c>ingest:format</c> <c>auto</c> or <c>parquet</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Projection.</b> Only the chunks of the mapped columns are read from disk; other columns cost nothing.
/// </para>
/// <para>
/// <b>Row-group skipping.</b> For an undated file read under a window (<see cref="EventFileContext.RowWindow"/>;
/// date-partitioned files keep every row, so nothing is skipped there), a row group is skipped when the
/// footer statistics of a typed timestamp column (TIMESTAMP or DATE) prove that every row lies outside
/// the window: min/max miss it and the null count is known to be zero. Its rows count as read and
/// outside the window (<see cref="IEventSink.OnRowGroupSkipped"/>), without being validated: a bad row in
/// a skipped group is not rejected, because it is not read. Epoch numbers and strings are not skipped
/// on: their unit is decided per value by the validation.
/// </para>
/// <para>
/// <b>Values.</b> Typed times (TIMESTAMP millis/micros/nanos, INT96, DATE) reach the sink as Unix
/// milliseconds and are not parsed. Strings and numbers reach it as text and are validated exactly as
/// CSV fields are (empty key, bad number, bad timestamp, unknown event type, rating range), rejections
/// counted per reason with the file and the 1-based row number. Dictionary-encoded string chunks are
/// decoded once per distinct value (see <see cref="ParquetFieldText"/>), and user and item keys carry their
/// dictionary entry (<see cref="EventFields.UserEntry"/>), so the sink maps each distinct key of a chunk to
/// its id once (<see cref="IEventSink.OnKeyDictionaries"/>). Integer widths and
/// floating types may change from day to day; a missing column is handled as
/// <see cref="ParquetEventColumns"/> describes.
/// </para>
/// <para>
/// <b>Failures.</b> A damaged file (bad magic, truncated footer, page CRC mismatch, pages that contradict
/// the footer) or one using a feature the reader does not implement (nested columns, ZSTD, encryption)
/// stops the ingest with a <see cref="DataException"/> naming the file and the column; the
/// <see cref="ParquetFormatException"/> with the details is its inner exception. A whole unreadable file
/// is not a "bad row" and is never counted under <c>ingest:maxBadFraction</c>.
/// </para>
/// <para>
/// The reader keeps no state between calls: the ingest reads several files at once through one instance.
/// </para>
/// </remarks>
public sealed class ParquetEventFileReader : IEventFileReader
{
    private const int FieldCount = 5;
    private const int UserField = 0;
    private const int ItemField = 1;
    private const int TimestampField = 2;
    private const int ValueField = 3;
    private const int EventTypeField = 4;
    private const long MillisPerDay = 86_400_000;

    /// <inheritdoc />
    public bool CanRead(EventFile file, EventFormat format)
        => format is EventFormat.Auto or EventFormat.Parquet && EventFileStreams.DataExtension(file.Path) == ".parquet";

    /// <inheritdoc />
    public void Read(EventFileContext context, IEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sink);
        string path = context.File.Path;
        if (EventFileStreams.IsGzip(path))
        {
            throw new DataException($"'{path}' is a gzipped Parquet file; Parquet compresses its pages itself, so gunzip it (or rewrite it with snappy pages) and drop the .gz.");
        }

        try
        {
            using ParquetFile parquet = ParquetFile.Open(path);
            var columns = ParquetEventColumns.Resolve(context.ColumnsFor(EventFormat.Parquet), parquet, context.File);
            ReadRowGroups(parquet, columns.InReadOrder(), context, sink, cancellationToken);
        }
        catch (ParquetFormatException e)
        {
            throw new DataException(e.Message, e);
        }
    }

    private static void ReadRowGroups(ParquetFile parquet, ParquetFieldSource[] sources, EventFileContext context, IEventSink sink, CancellationToken cancellationToken)
    {
        var fields = new ParquetFieldText[FieldCount];
        for (int f = 0; f < FieldCount; f++)
        {
            fields[f] = new ParquetFieldText();
            if (sources[f].Constant is { } constant)
            {
                fields[f].SetConstant(constant);
            }
        }

        var raw = new RawRowText();
        var chunks = new Dictionary<int, ParquetColumn>(FieldCount);
        long firstRow = 0;
        long fileLength = Math.Max(context.File.Length, 1);
        for (int g = 0; g < parquet.RowGroups.Count; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = checked((int)parquet.RowGroups[g].RowCount);
            if (IsOutsideWindow(parquet, g, sources[TimestampField].Column, context.RowWindow))
            {
                sink.OnRowGroupSkipped(rows);
                firstRow += rows;
                continue;
            }

            chunks.Clear();
            for (int f = 0; f < FieldCount; f++)
            {
                if (sources[f].Column is { } schema)
                {
                    if (!chunks.TryGetValue(schema.Index, out ParquetColumn? chunk))
                    {
                        chunk = parquet.ReadColumn(g, schema.Index);
                        chunks.Add(schema.Index, chunk);
                    }

                    try
                    {
                        fields[f].Load(chunk, typedTime: f == TimestampField);
                    }
                    catch (DecoderFallbackException e)
                    {
                        throw new DataException($"'{parquet.Path}', column '{schema.Name}', row group {g}: a value is not UTF-8 text ({e.Message}); map a text column, or rewrite binary keys as strings (hex, base64).", e);
                    }
                }
                else if (sources[f].Constant is null)
                {
                    fields[f].SetEmpty();
                }
            }

            sink.OnKeyDictionaries(fields[UserField].DictionaryEntries, fields[ItemField].DictionaryEntries);
            EmitRows(fields, rows, firstRow, raw, sink);
            firstRow += rows;
            sink.OnBytesRead(fileLength * (g + 1) / parquet.RowGroups.Count);
        }

        sink.OnBytesRead(context.File.Length);
    }

    private static void EmitRows(ParquetFieldText[] fields, int rows, long firstRow, RawRowText raw, IEventSink sink)
    {
        ParquetFieldText user = fields[UserField];
        ParquetFieldText item = fields[ItemField];
        ParquetFieldText time = fields[TimestampField];
        ParquetFieldText value = fields[ValueField];
        ParquetFieldText type = fields[EventTypeField];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<char> u = user.Get(i);
            ReadOnlySpan<char> it = item.Get(i);
            ReadOnlySpan<char> t = time.Get(i);
            ReadOnlySpan<char> v = value.Get(i);
            ReadOnlySpan<char> e = type.Get(i);
            long? typed = time.TryGetMillis(i, out long ms) ? ms : null;
            ReadOnlySpan<char> row = raw.Render(u, it, t, typed, v, e);
            sink.OnEvent(new EventFields(firstRow + i + 1, u, it, t, v, e, row) { TimestampMs = typed, UserEntry = user.EntryOf(i), ItemEntry = item.EntryOf(i) });
        }
    }

    /// <summary>True when the footer proves every row of the group has a timestamp outside <paramref name="window"/>.</summary>
    private static bool IsOutsideWindow(ParquetFile parquet, int rowGroup, ParquetColumnSchema? timestamp, DayRange? window)
    {
        if (window is not { } w || timestamp is null || timestamp.ValueKind is not (ParquetValueKind.TimestampMillis or ParquetValueKind.Date))
        {
            return false;
        }

        ParquetColumnStatistics stats = parquet.RowGroups[rowGroup].Statistics[timestamp.Index];
        if (!stats.HasBounds || stats.NullCount != 0)
        {
            return false;
        }

        long first = w.StartUnixMs;
        long last = w.EndUnixMsExclusive - 1;
        if (timestamp.ValueKind == ParquetValueKind.Date)
        {
            // DATE statistics are in days since the epoch.
            first = FloorDiv(first, MillisPerDay);
            last = FloorDiv(last, MillisPerDay);
        }

        return !parquet.RowGroupOverlaps(rowGroup, timestamp.Name, first, last);
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
