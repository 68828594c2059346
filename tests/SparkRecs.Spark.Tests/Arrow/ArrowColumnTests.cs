using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Tests.Arrow.Support;

namespace SparkRecs.Spark.Tests.Arrow;

/// <summary>The column API: typed access, nullness, and typed errors when the caller expects other columns.</summary>
public sealed class ArrowColumnTests
{
    private static ArrowRecordBatch Primitives() =>
        new ArrowStreamReader(ArrowFixtures.Bytes("primitives").AsMemory(), "primitives").ReadNextBatch()!;

    [Fact]
    public void Reading_a_column_as_another_type_names_the_column_and_both_types()
    {
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => Primitives().GetColumn<Int32Column>("i64"));

        Assert.Equal(ArrowProblem.UnexpectedSchema, ex.Problem);
        Assert.Equal("i64", ex.FieldPath);
        Assert.Equal(1, ex.MessageIndex);
        Assert.Contains("the column is Int64 (Int64Column) but the caller reads it as Int32Column", ex.Detail);
        Assert.StartsWith("primitives, message 1, field 'i64' does not have the expected columns", ex.Message);
    }

    [Fact]
    public void Reading_a_missing_column_lists_the_columns_there_are()
    {
        ArrowFormatException ex = Assert.Throws<ArrowFormatException>(() => Primitives().GetColumn<Int32Column>("user"));

        Assert.Equal(ArrowProblem.UnexpectedSchema, ex.Problem);
        Assert.Contains("no column 'user' (columns: i32, i64,", ex.Detail);
    }

    [Fact]
    public void Struct_member_lookup_fails_typed_for_a_missing_member_or_another_type()
    {
        ArrowRecordBatch batch = new ArrowStreamReader(ArrowFixtures.Bytes("recommendations").AsMemory()).ReadNextBatch()!;
        StructColumn pairs = batch.GetColumn<ListColumn>("recommendations").ValuesAs<StructColumn>();

        Assert.Contains("no member 'score' (members: item, rating)",
            Assert.Throws<ArrowFormatException>(() => pairs.GetChild<Float32Column>("score")).Detail);
        Assert.Equal("recommendations.element.rating",
            Assert.Throws<ArrowFormatException>(() => pairs.GetChild<Int32Column>("rating")).FieldPath);
        Assert.Throws<ArrowFormatException>(() => batch.GetColumn<ListColumn>("recommendations").ValuesAs<Float32Column>());
    }

    [Fact]
    public void Nullness_follows_the_validity_bitmap_and_a_column_without_nulls_has_none()
    {
        ArrowRecordBatch batch = Primitives();
        Int32Column i32 = batch.GetColumn<Int32Column>("i32");
        Assert.Equal(2, i32.NullCount);
        Assert.Equal([1, 6], Enumerable.Range(0, i32.Length).Where(i32.IsNull));
        Assert.False(i32.ValidityBitmap.IsEmpty);

        Int32Column ids = new ArrowStreamReader(ArrowFixtures.Bytes("factors").AsMemory()).ReadNextBatch()!.GetColumn<Int32Column>("id");
        Assert.Equal(0, ids.NullCount);
        Assert.True(ids.ValidityBitmap.IsEmpty);
        Assert.True(ids.IsValid(2));
    }

    [Fact]
    public void Slot_access_outside_the_column_throws_argument_out_of_range()
    {
        ArrowRecordBatch batch = Primitives();

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Columns[0].IsNull(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetColumn<BoolColumn>("flag").GetValue(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetColumn<StringColumn>("name").GetString(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetColumn<Int32Column>(11));
    }

    [Fact]
    public void Strings_are_bytes_until_asked_for_and_null_strings_read_as_null()
    {
        StringColumn names = Primitives().GetColumn<StringColumn>("name");

        Assert.Equal("café"u8.ToArray(), names.GetBytes(3).ToArray());
        Assert.Equal("日本語", names.GetString(4));
        Assert.Equal(string.Empty, names.GetString(1));
        Assert.Null(names.GetString(2));
        Assert.True(names.GetBytes(2).IsEmpty);
    }

    [Fact]
    public void Schema_and_field_describe_types_and_paths()
    {
        var reader = new ArrowStreamReader(ArrowFixtures.Bytes("recommendations").AsMemory());
        ArrowField rating = reader.Schema.Fields[1].Children[0].Children[1];

        Assert.Equal("recommendations.element.rating", rating.Path);
        Assert.Equal(new ArrowType(ArrowTypeKind.Float32), rating.Type);
        Assert.Equal(1, reader.Schema.IndexOf("recommendations"));
        Assert.Equal(-1, reader.Schema.IndexOf("Recommendations"));
        Assert.Equal("user: Int32, recommendations: List", reader.Schema.ToString());
    }
}
