using SparkRecs.Warehouse.Parquet.Metadata;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// Turns the footer's depth-first schema list into leaf column descriptors. A flat schema is a root
/// group whose children are all primitive and not REPEATED; anything below a nested group or repeated
/// is listed as unsupported (it would need repetition levels and record assembly).
/// </summary>
internal static class SchemaResolver
{
    private const int Repeated = 2;
    private const int Optional = 1;

    public static ColumnDescriptor[] Resolve(SchemaElement[] elements)
    {
        if (elements.Length == 0)
        {
            throw new InvalidDataException("the footer has an empty schema");
        }

        var leaves = new List<ColumnDescriptor>();
        int next = 1;
        for (int child = 0; child < elements[0].NumChildren; child++)
        {
            Visit(elements, ref next, "", null, leaves);
        }

        return [.. leaves];
    }

    private static void Visit(SchemaElement[] elements, ref int next, string prefix, string? inheritedReason, List<ColumnDescriptor> leaves)
    {
        if (next >= elements.Length)
        {
            throw new InvalidDataException("the schema declares more children than it lists");
        }

        SchemaElement element = elements[next++];
        string path = prefix.Length == 0 ? element.Name : prefix + "." + element.Name;
        if (element.NumChildren > 0)
        {
            string reason = inheritedReason ?? $"nested column (group '{path}'{GroupAnnotation(element)})";
            for (int child = 0; child < element.NumChildren; child++)
            {
                Visit(elements, ref next, path, reason, leaves);
            }

            return;
        }

        string? unsupported = inheritedReason;
        if (unsupported is null && element.Repetition == Repeated)
        {
            unsupported = "repeated field (a list without LIST annotation)";
        }

        if (unsupported is null && element.Type is null or < ParquetPhysicalType.Boolean or > ParquetPhysicalType.FixedLenByteArray)
        {
            unsupported = element.Type is null ? "group without fields" : $"unknown physical type {(int)element.Type}";
        }

        LogicalMapping mapping = element.Type is { } physical && physical is >= ParquetPhysicalType.Boolean and <= ParquetPhysicalType.FixedLenByteArray
            ? LogicalMapping.For(element)
            : LogicalMapping.Refused("no physical type");
        unsupported ??= mapping.Reason;
        var schema = new ParquetColumnSchema(
            leaves.Count,
            path,
            element.Type ?? ParquetPhysicalType.ByteArray,
            mapping.Logical,
            element.Repetition == Optional,
            element.TypeLength,
            mapping.Scale,
            mapping.Precision,
            mapping.Unit,
            mapping.Kind,
            unsupported);
        leaves.Add(new ColumnDescriptor(schema, element, element.Repetition == Optional ? 1 : 0));
    }

    private static string GroupAnnotation(SchemaElement element)
    {
        short logical = element.Logical?.FieldId ?? 0;
        if (logical == 2 || element.ConvertedType is 1 or 2)
        {
            return ", MAP";
        }

        if (logical == 3 || element.ConvertedType == 3)
        {
            return ", LIST";
        }

        return logical == 16 ? ", VARIANT" : ", struct";
    }
}
