namespace SparkRecs.Spark.Arrow;

/// <summary>A column of dates stored as signed days since 1970-01-01 (Spark <c>DateType</c>).</summary>
public sealed class Date32Column : PrimitiveColumn<int>
{
    internal Date32Column(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, ReadOnlyMemory<byte> values)
        : base(field, length, nullCount, validity, values)
    {
    }

    /// <summary>The date in slot <paramref name="row"/> (not checked for null).</summary>
    public DateOnly GetDate(int row) => DateOnly.FromDayNumber(UnixEpochDayNumber + Values[row]);

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
}
