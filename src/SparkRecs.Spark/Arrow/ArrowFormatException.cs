using System.Text;
using SparkRecs.Core.Errors;

namespace SparkRecs.Spark.Arrow;

/// <summary>
/// An Arrow IPC stream cannot be used: it is damaged (<see cref="ArrowProblem.Corrupt"/>), it uses a
/// feature this reader refuses on purpose (<see cref="ArrowProblem.Unsupported"/>), or its columns are
/// not the ones the caller asked for (<see cref="ArrowProblem.UnexpectedSchema"/>). The reader raises
/// this instead of guessing or letting an <see cref="IndexOutOfRangeException"/> escape, so a stream is
/// either decoded exactly or refused with the message index, the field path and the problem.
/// <para>
/// Exit code 3, like every other unusable-input error. It derives from <see cref="SparkRecsException"/>
/// rather than <see cref="DataException"/> because that type is sealed; the Parquet reader's
/// <c>ParquetFormatException</c> makes the same choice.
/// </para>
/// </summary>
public sealed class ArrowFormatException : SparkRecsException
{
    /// <summary>Creates the error; the message is composed from the parts so it always names the stream.</summary>
    /// <param name="problem">Whether the stream is damaged, uses a refused feature, or has other columns.</param>
    /// <param name="source">What the stream is (e.g. <c>ExecutePlan response 3 of operation 42</c>).</param>
    /// <param name="messageIndex">0-based index of the IPC message (the schema is message 0), or null.</param>
    /// <param name="fieldPath">Dotted path of the field involved (e.g. <c>recommendations.element.rating</c>), or null.</param>
    /// <param name="detail">The damage or the feature, without the location prefix.</param>
    /// <param name="action">What to do; null uses the problem's default advice.</param>
    public ArrowFormatException(ArrowProblem problem, string source, int? messageIndex, string? fieldPath, string detail, string? action = null)
        : base(Compose(problem, source, messageIndex, fieldPath, detail, action))
    {
        Problem = problem;
        StreamSource = source;
        MessageIndex = messageIndex;
        FieldPath = fieldPath;
        Detail = detail;
    }

    /// <summary>Whether the stream is damaged, uses a refused feature, or has unexpected columns.</summary>
    public ArrowProblem Problem { get; }

    /// <summary>The stream's description as the caller gave it to the reader.</summary>
    public string StreamSource { get; }

    /// <summary>0-based index of the IPC message involved (the schema is message 0), or null when not tied to one.</summary>
    public int? MessageIndex { get; }

    /// <summary>Dotted path of the field involved, or null when the problem is message-wide.</summary>
    public string? FieldPath { get; }

    /// <summary>The damage or feature, without the location prefix and the advice.</summary>
    public string Detail { get; }

    /// <inheritdoc />
    public override int ExitCode => 3;

    private static string Compose(ArrowProblem problem, string source, int? messageIndex, string? fieldPath, string detail, string? action)
    {
        var text = new StringBuilder(source);
        if (messageIndex is { } index)
        {
            text.Append(", message ").Append(index);
        }

        if (fieldPath is not null)
        {
            text.Append(", field '").Append(fieldPath).Append('\'');
        }

        text.Append(problem switch
        {
            ArrowProblem.Corrupt => " is corrupt: ",
            ArrowProblem.Unsupported => " uses an unsupported feature: ",
            _ => " does not have the expected columns: ",
        });
        text.Append(detail).Append(". ");
        text.Append(action ?? problem switch
        {
            ArrowProblem.Corrupt => "The bytes were damaged or cut short between the writer and this reader; re-run the query, "
                                    + "and keep the stream bytes for a bug report if it happens again.",
            ArrowProblem.Unsupported => "Change the query so Spark returns the supported types listed in the Arrow reader's README "
                                        + "(e.g. CAST the column to INT, BIGINT, FLOAT, DOUBLE, STRING, BOOLEAN, DATE or TIMESTAMP).",
            _ => "Check the query's SELECT list (column names and types) against what the caller reads.",
        });
        return text.ToString();
    }
}
