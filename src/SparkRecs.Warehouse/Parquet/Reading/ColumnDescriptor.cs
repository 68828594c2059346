using SparkRecs.Warehouse.Parquet.Metadata;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>A leaf column with what decoding needs beyond its public schema.</summary>
internal sealed class ColumnDescriptor(ParquetColumnSchema schema, SchemaElement element, int maxDefinitionLevel)
{
    public ParquetColumnSchema Schema { get; } = schema;

    public SchemaElement Element { get; } = element;

    /// <summary>0 for required, 1 for optional flat columns.</summary>
    public int MaxDefinitionLevel { get; } = maxDefinitionLevel;
}
