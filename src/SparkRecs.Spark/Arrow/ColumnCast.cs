namespace SparkRecs.Spark.Arrow;

/// <summary>Casts a column to the type a caller expects, failing with the field path and both types.</summary>
internal static class ColumnCast
{
    public const string DefaultSource = "Arrow record batch";

    public static T To<T>(ArrowColumn column, string source = DefaultSource, int? messageIndex = null)
        where T : ArrowColumn => column as T ?? throw new ArrowFormatException(
            ArrowProblem.UnexpectedSchema, source, messageIndex, column.Field.Path,
            $"the column is {column.Field.Type} ({column.GetType().Name}) but the caller reads it as {typeof(T).Name}");
}
