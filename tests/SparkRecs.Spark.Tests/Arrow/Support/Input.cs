namespace SparkRecs.Spark.Tests.Arrow.Support;

/// <summary>How a test hands bytes to the reader: as memory, or through a trickling non-seekable stream.</summary>
public enum Input
{
    Memory,
    Stream,
}
