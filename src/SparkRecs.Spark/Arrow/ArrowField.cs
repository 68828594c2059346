namespace SparkRecs.Spark.Arrow;

/// <summary>
/// One field of an Arrow schema: a top-level column, a struct member or a list's element field.
/// </summary>
public sealed class ArrowField
{
    internal ArrowField(string name, string path, ArrowType type, bool isNullable, IReadOnlyList<ArrowField> children)
    {
        Name = name;
        Path = path;
        Type = type;
        IsNullable = isNullable;
        Children = children;
    }

    /// <summary>The field's name (a list's element field is usually <c>element</c> from Spark, <c>item</c> from pyarrow).</summary>
    public string Name { get; }

    /// <summary>Dotted path from the top-level column, e.g. <c>recommendations.element.rating</c>; used in error messages.</summary>
    public string Path { get; }

    /// <summary>The logical type.</summary>
    public ArrowType Type { get; }

    /// <summary>Whether the producer declared the field nullable. Null slots are read from the validity bitmap either way.</summary>
    public bool IsNullable { get; }

    /// <summary>The element field of a list (one), the members of a struct, empty for other types.</summary>
    public IReadOnlyList<ArrowField> Children { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Type}";
}
