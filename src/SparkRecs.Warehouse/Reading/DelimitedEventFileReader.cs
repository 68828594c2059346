using SparkRecs.Warehouse.Discovery;
using SparkRecs.Warehouse.Options;

namespace SparkRecs.Warehouse.Reading;

/// <summary>
/// Reads CSV (RFC 4180 quoting), TSV, MovieLens <c>u.data</c> and MovieLens <c>ratings.csv</c>,
/// gzipped or not, streaming through a pooled buffer.
/// </summary>
/// <remarks>
/// Under <see cref="EventFormat.Auto"/> the extension (before any <c>.gz</c>) decides:
/// <c>.csv</c> is CSV, <c>.tsv</c> and <c>.txt</c> are TSV, <c>.data</c> is MovieLens 100K. A row
/// with fewer fields than the mapping needs, or (with a header) a different number of fields than
/// the header, is rejected as <see cref="RejectReason.WrongFieldCount"/>.
/// </remarks>
public sealed class DelimitedEventFileReader : IEventFileReader
{
    private const int ProgressEveryRows = 1 << 16;

    /// <inheritdoc />
    public bool CanRead(EventFile file, EventFormat format) => EffectiveFormat(file.Path, format) is not null;

    /// <inheritdoc />
    public void Read(EventFileContext context, IEventSink sink, CancellationToken cancellationToken)
    {
        string path = context.File.Path;
        EventFormat format = EffectiveFormat(path, context.Format)
            ?? throw new ArgumentException($"'{path}' is not a delimited text file.", nameof(context));
        char delimiter = format is EventFormat.Csv or EventFormat.MovieLensCsv ? ',' : '\t';
        bool quoting = delimiter == ',';
        bool hasHeader = context.HasHeader ?? format != EventFormat.MovieLens100K;

        using StreamReader text = EventFileStreams.OpenText(path, out FileStream file);
        using var records = new DelimitedRecordReader(text, delimiter, quoting, path);
        string[]? header = null;
        if (hasHeader)
        {
            if (!records.MoveNext())
            {
                return;
            }
            header = new string[records.FieldCount];
            for (int i = 0; i < header.Length; i++)
            {
                header[i] = records.Field(i).ToString();
            }
        }
        EventColumns columns = EventColumns.Resolve(context.ColumnsFor(format), header, context.File);
        while (ReadBlock(records, columns, header?.Length, sink))
        {
            cancellationToken.ThrowIfCancellationRequested();
            sink.OnBytesRead(file.Position);
        }
        sink.OnBytesRead(file.Length);
    }

    /// <summary>
    /// Passes the next <see cref="ProgressEveryRows"/> records to the sink (rejecting malformed ones); false
    /// when the text ended first.
    /// </summary>
    /// <remarks>
    /// The per-record loop lives in a method called once per block rather than once per file, so the JIT's
    /// tiering sees it called hundreds of times on a large file and compiles it fully optimised (with profile
    /// guided devirtualisation of the sink) instead of running the whole file in on-stack-replacement code.
    /// </remarks>
    private static bool ReadBlock(DelimitedRecordReader records, EventColumns columns, int? headerFields, IEventSink sink)
    {
        int minFields = columns.MaxIndex + 1;
        for (int block = 0; block < ProgressEveryRows; block++)
        {
            if (!records.MoveNext())
            {
                return false;
            }
            if (records.Problem is { } problem)
            {
                sink.OnMalformed(records.Line, problem, records.Record, "a quoted field is not closed or has text after its closing quote");
                continue;
            }
            int count = records.FieldCount;
            if (count < minFields || headerFields is { } expectedFields && count != expectedFields)
            {
                string expected = headerFields is not null ? $"the header has {headerFields}" : $"the mapping needs {minFields}";
                sink.OnMalformed(records.Line, RejectReason.WrongFieldCount, records.Record, $"{count} fields, {expected}");
                continue;
            }
            sink.OnEvent(new EventFields(
                records.Line,
                Pick(records, columns.User),
                Pick(records, columns.Item),
                Pick(records, columns.Timestamp),
                Pick(records, columns.Value),
                Pick(records, columns.EventType),
                records.Record));
        }
        return true;
    }

    /// <summary>The delimited format <paramref name="path"/> is read as, or null when this reader does not handle it.</summary>
    internal static EventFormat? EffectiveFormat(string path, EventFormat configured)
    {
        string extension = EventFileStreams.DataExtension(path);
        if (extension is ".parquet" or ".jsonl")
        {
            return null;
        }
        return configured switch
        {
            EventFormat.Csv or EventFormat.Tsv or EventFormat.MovieLens100K or EventFormat.MovieLensCsv => configured,
            EventFormat.Auto => extension switch
            {
                ".csv" => EventFormat.Csv,
                ".tsv" or ".txt" => EventFormat.Tsv,
                ".data" => EventFormat.MovieLens100K,
                _ => null,
            },
            _ => null,
        };
    }

    private static ReadOnlySpan<char> Pick(DelimitedRecordReader records, ColumnSource source)
        => source.IsColumn ? records.Field(source.Index) : source.Constant.AsSpan();
}
