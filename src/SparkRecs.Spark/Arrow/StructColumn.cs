namespace SparkRecs.Spark.Arrow;

/// <summary>
/// A column of structs: one child array per member, each as long as the struct column. The struct's own
/// validity says which rows are null structs; a member's validity says which member values are null.
/// </summary>
public sealed class StructColumn : ArrowColumn
{
    internal StructColumn(ArrowField field, int length, int nullCount, ReadOnlyMemory<byte> validity, IReadOnlyList<ArrowColumn> children)
        : base(field, length, nullCount, validity)
    {
        Children = children;
    }

    /// <summary>The member arrays, in the order of <see cref="ArrowField.Children"/>.</summary>
    public IReadOnlyList<ArrowColumn> Children { get; }

    /// <summary>The member named <paramref name="name"/> (ordinal comparison) as the column type the caller expects.</summary>
    /// <exception cref="ArrowFormatException">No such member, or another type (problem <see cref="ArrowProblem.UnexpectedSchema"/>).</exception>
    public T GetChild<T>(string name)
        where T : ArrowColumn
    {
        foreach (ArrowColumn child in Children)
        {
            if (string.Equals(child.Field.Name, name, StringComparison.Ordinal))
            {
                return ColumnCast.To<T>(child);
            }
        }

        throw new ArrowFormatException(ArrowProblem.UnexpectedSchema, "Arrow record batch", null, Field.Path,
            $"the struct has no member '{name}' (members: {string.Join(", ", Children.Select(c => c.Field.Name))})");
    }
}
