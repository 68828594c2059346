using SparkRecs.Spark.Arrow;

namespace SparkRecs.Spark.Tests.Arrow.Support;

/// <summary>
/// Reads every slot of every column of a batch through the public API (nullness, values, string bytes,
/// list ranges, struct members), so a test can show that whatever the reader accepted is safe to index.
/// Returns a checksum so the work cannot be optimised away.
/// </summary>
internal static class ColumnWalker
{
    public static long Touch(ArrowRecordBatch batch)
    {
        long sum = 0;
        foreach (ArrowColumn column in batch.Columns)
        {
            sum += Touch(column);
        }

        return sum;
    }

    private static long Touch(ArrowColumn column)
    {
        long sum = 0;
        for (int row = 0; row < column.Length; row++)
        {
            sum += column.IsNull(row) ? 1 : 0;
            sum += column switch
            {
                PrimitiveColumn<int> c => c.Values[row],
                PrimitiveColumn<long> c => c.Values[row],
                PrimitiveColumn<float> c => (long)c.Values[row].GetHashCode(),
                PrimitiveColumn<double> c => (long)c.Values[row].GetHashCode(),
                BoolColumn c => c.GetValue(row) ? 1 : 0,
                StringColumn c => c.GetBytes(row).Length + (c.GetString(row)?.Length ?? 0),
                ListColumn c => c.GetValueRange(row).Count,
                _ => 0,
            };
        }

        switch (column)
        {
            case ListColumn list:
                sum += Touch(list.Values);
                break;
            case StructColumn record:
                foreach (ArrowColumn member in record.Children)
                {
                    sum += Touch(member);
                }

                break;
        }

        return sum;
    }
}
