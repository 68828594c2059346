using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Tests.Arrow.Support;

namespace SparkRecs.Spark.Tests.Arrow;

/// <summary>Schema metadata that is valid Flatbuffers but describes an unreasonable tree is refused, not expanded.</summary>
public sealed class SchemaDecoderTests
{
    [Fact]
    public void A_handmade_nested_schema_decodes_to_the_tree_it_describes()
    {
        var reader = new ArrowStreamReader(NestedSchemaStream.Build(levels: 3, fanOut: 2).AsMemory());

        Assert.Equal(2, reader.Schema.Fields.Count);
        ArrowField top = reader.Schema.Fields[0];
        Assert.Equal(ArrowTypeKind.Struct, top.Type.Kind);
        Assert.Equal(2, top.Children.Count);
        Assert.Equal("[0].[1].[0]", top.Children[1].Children[0].Path);
        Assert.Empty(top.Children[0].Children[0].Children);
        Assert.Null(reader.ReadNextBatch());
        Assert.True(reader.EndMarkerSeen);
    }

    [Fact]
    public void Fields_sharing_children_tables_are_refused_before_the_tree_explodes()
    {
        // 2^40 fields described in under 2 KB of metadata.
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(NestedSchemaStream.Build(levels: 40, fanOut: 2).AsMemory()));

        Assert.Equal(ArrowProblem.Corrupt, ex.Problem);
        Assert.Contains("more than 10000 fields", ex.Detail);
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_refused()
    {
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => new ArrowStreamReader(NestedSchemaStream.Build(levels: 70, fanOut: 1).AsMemory()));

        Assert.Contains("nest more than 64 levels", ex.Detail);
    }
}
