namespace SparkRecs.Spark.Plans;

/// <summary>What a write does when the target already has data (Spark's SaveMode).</summary>
public enum SparkSaveMode
{
    /// <summary>Add rows to the existing table.</summary>
    Append = 1,
    /// <summary>Replace the table's rows (for JDBC with <c>truncate</c>, the table definition is kept).</summary>
    Overwrite = 2,
    /// <summary>Fail when the table exists.</summary>
    ErrorIfExists = 3,
    /// <summary>Do nothing when the table exists.</summary>
    Ignore = 4,
}
