namespace SparkRecs.Spark.Arrow;

/// <summary>
/// One RecordBatch message decoded against the stream's schema: <see cref="Length"/> rows and one
/// <see cref="ArrowColumn"/> per top-level field, each a view over the message body.
/// </summary>
/// <example>
/// <code>
/// Int32Column users = batch.GetColumn&lt;Int32Column&gt;("id");
/// ListColumn features = batch.GetColumn&lt;ListColumn&gt;("features");
/// Float32Column factors = features.ValuesAs&lt;Float32Column&gt;();
/// ReadOnlySpan&lt;int&gt; ids = users.Values;
/// for (int row = 0; row &lt; batch.Length; row++)
/// {
///     (int start, int count) = features.GetValueRange(row);
///     Use(ids[row], factors.Values.Slice(start, count));
/// }
/// </code>
/// </example>
public sealed class ArrowRecordBatch
{
    private readonly string _source;

    internal ArrowRecordBatch(ArrowSchema schema, int length, IReadOnlyList<ArrowColumn> columns, string source, int messageIndex)
    {
        Schema = schema;
        Length = length;
        Columns = columns;
        _source = source;
        MessageIndex = messageIndex;
    }

    /// <summary>The stream's schema (the same instance for every batch of a stream).</summary>
    public ArrowSchema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>The top-level columns, in schema order.</summary>
    public IReadOnlyList<ArrowColumn> Columns { get; }

    /// <summary>0-based index of this batch's message in the stream (the schema is message 0).</summary>
    public int MessageIndex { get; }

    /// <summary>The column at <paramref name="index"/> as the type the caller expects.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a column index.</exception>
    /// <exception cref="ArrowFormatException">The column has another type (problem <see cref="ArrowProblem.UnexpectedSchema"/>).</exception>
    public T GetColumn<T>(int index)
        where T : ArrowColumn
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Columns.Count);
        return ColumnCast.To<T>(Columns[index], _source, MessageIndex);
    }

    /// <summary>The first column named <paramref name="name"/> (ordinal comparison) as the type the caller expects.</summary>
    /// <exception cref="ArrowFormatException">No such column, or another type (problem <see cref="ArrowProblem.UnexpectedSchema"/>).</exception>
    public T GetColumn<T>(string name)
        where T : ArrowColumn
    {
        int index = Schema.IndexOf(name);
        if (index < 0)
        {
            throw new ArrowFormatException(ArrowProblem.UnexpectedSchema, _source, MessageIndex, name,
                $"the stream has no column '{name}' (columns: {string.Join(", ", Schema.Fields.Select(f => f.Name))})");
        }

        return ColumnCast.To<T>(Columns[index], _source, MessageIndex);
    }
}
