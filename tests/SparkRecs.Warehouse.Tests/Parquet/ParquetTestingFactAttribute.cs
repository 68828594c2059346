namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>
/// A fact that needs the apache/parquet-testing corpus: the folder named by SPARKRECS_PARQUET_TESTING
/// (its <c>data</c> directory). Skipped, with the reason shown, when the variable is unset.
/// </summary>
public sealed class ParquetTestingFactAttribute : FactAttribute
{
    public const string Variable = "SPARKRECS_PARQUET_TESTING";

    public ParquetTestingFactAttribute()
    {
        string? folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(folder))
        {
            Skip = $"{Variable} is not set: point it at a checkout of apache/parquet-testing's data folder to run the conformance test.";
        }
        else if (!Directory.Exists(folder))
        {
            Skip = $"{Variable}='{folder}' is not a directory.";
        }
    }

    public static string Folder => Environment.GetEnvironmentVariable(Variable)!;
}
