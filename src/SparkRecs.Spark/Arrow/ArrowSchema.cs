namespace SparkRecs.Spark.Arrow;

/// <summary>The schema message of a stream: its top-level fields, one per column of every record batch.</summary>
public sealed class ArrowSchema
{
    internal ArrowSchema(IReadOnlyList<ArrowField> fields)
    {
        Fields = fields;
    }

    /// <summary>The top-level fields in column order.</summary>
    public IReadOnlyList<ArrowField> Fields { get; }

    /// <summary>The index of the first top-level field with this name (ordinal comparison), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Fields);
}
