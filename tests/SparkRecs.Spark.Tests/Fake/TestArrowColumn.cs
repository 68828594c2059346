namespace SparkRecs.Spark.Tests.Fake;

/// <summary>
/// One column for <see cref="TestOnlyArrowWriter"/>: a name and the values of one of the types the
/// Spark engine fetches (string keys, int and bigint, float, array of float). No nulls.
/// </summary>
public sealed record TestArrowColumn(string Name, TestArrowColumn.Kind Type, Array Values)
{
    /// <summary>The Arrow types the writer knows.</summary>
    public enum Kind
    {
        Utf8,
        Int32,
        Int64,
        Float32,
        Float32List,
    }

    /// <summary>Number of rows.</summary>
    public int Length => Values.Length;

    public static TestArrowColumn Utf8(string name, params string[] values) => new(name, Kind.Utf8, values);

    public static TestArrowColumn Int32(string name, params int[] values) => new(name, Kind.Int32, values);

    public static TestArrowColumn Int64(string name, params long[] values) => new(name, Kind.Int64, values);

    public static TestArrowColumn Float32(string name, params float[] values) => new(name, Kind.Float32, values);

    public static TestArrowColumn Float32List(string name, params float[][] values) => new(name, Kind.Float32List, values);
}
