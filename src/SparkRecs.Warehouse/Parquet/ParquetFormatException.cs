using SparkRecs.Core.Errors;

namespace SparkRecs.Warehouse.Parquet;

/// <summary>
/// A Parquet file cannot be read: either it is damaged (<see cref="ParquetProblem.Corrupt"/>: bad magic,
/// truncated footer, page checksum mismatch, values that run past their page) or it uses a feature
/// this reader deliberately does not implement (<see cref="ParquetProblem.Unsupported"/>: nested or
/// repeated columns, encryption, ZSTD/LZ4/BROTLI codecs, ...). The reader raises this instead of
/// guessing, so a file is either read exactly or refused; it never yields wrong values.
/// Exit code 3, like every other unusable-input error.
/// </summary>
public sealed class ParquetFormatException : SparkRecsException
{
    /// <summary>Creates the error; the message is composed from the parts so it always names the file.</summary>
    public ParquetFormatException(ParquetProblem problem, string path, string? column, string detail, Exception? inner = null)
        : base(Compose(problem, path, column, detail), inner)
    {
        Problem = problem;
        FilePath = path;
        Column = column;
        Detail = detail;
    }

    /// <summary>Whether the file is damaged or merely uses an unimplemented feature.</summary>
    public ParquetProblem Problem { get; }

    /// <summary>The file that was being read.</summary>
    public string FilePath { get; }

    /// <summary>The column (dotted schema path) involved, or null when the problem is file-wide.</summary>
    public string? Column { get; }

    /// <summary>The feature or damage, without the file and column prefix.</summary>
    public string Detail { get; }

    /// <inheritdoc />
    public override int ExitCode => 3;

    private static string Compose(ParquetProblem problem, string path, string? column, string detail)
    {
        string where = column is null ? $"Parquet file '{path}'" : $"Parquet file '{path}', column '{column}'";
        return problem == ParquetProblem.Corrupt
            ? $"{where} is corrupt: {detail}. Re-export the file from its source, or move it out of the window."
            : $"{where} uses an unsupported feature: {detail}. Rewrite the data as a flat schema with "
              + "UNCOMPRESSED, SNAPPY or GZIP compression (e.g. Spark: spark.sql.parquet.compression.codec=snappy).";
    }
}
