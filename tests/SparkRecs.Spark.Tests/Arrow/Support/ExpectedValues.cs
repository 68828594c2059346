using System.Globalization;
using System.Text.Json;
using SparkRecs.Spark.Arrow;

namespace SparkRecs.Spark.Tests.Arrow.Support;

/// <summary>
/// Compares decoded streams with the fixture JSON (see make-fixtures.mjs for its conventions): the
/// schema field by field, then every slot of every column, recursing into lists and structs.
/// </summary>
internal static class ExpectedValues
{
    public static void AssertSchema(JsonElement expectedFields, IReadOnlyList<ArrowField> actual)
    {
        Assert.Equal(expectedFields.GetArrayLength(), actual.Count);
        int i = 0;
        foreach (JsonElement expected in expectedFields.EnumerateArray())
        {
            ArrowField field = actual[i++];
            Assert.Equal(expected.GetProperty("name").GetString(), field.Name);
            Assert.Equal(expected.GetProperty("type").GetString(), field.Type.ToString());
            Assert.Equal(expected.GetProperty("nullable").GetBoolean(), field.IsNullable);
            AssertSchema(expected.GetProperty("children"), field.Children);
        }
    }

    public static void AssertBatch(JsonElement expectedBatch, ArrowRecordBatch batch)
    {
        int length = expectedBatch.GetProperty("length").GetInt32();
        Assert.Equal(length, batch.Length);
        foreach (JsonProperty column in expectedBatch.GetProperty("columns").EnumerateObject())
        {
            ArrowColumn actual = batch.Columns[batch.Schema.IndexOf(column.Name)];
            Assert.Equal(length, actual.Length);
            int row = 0;
            foreach (JsonElement value in column.Value.EnumerateArray())
            {
                AssertSlot(value, actual, row++);
            }

            Assert.Equal(length, row);
        }
    }

    private static void AssertSlot(JsonElement expected, ArrowColumn column, int row)
    {
        string where = $"{column.Field.Path}[{row}]";
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(column.IsNull(row), $"{where} should be null");
            return;
        }

        Assert.False(column.IsNull(row), $"{where} should not be null");
        switch (column)
        {
            case Int32Column c:
                Assert.Equal(expected.GetInt32(), c.Values[row]);
                break;
            case Date32Column c:
                Assert.Equal(expected.GetInt32(), c.Values[row]);
                break;
            case Int64Column c:
                Assert.Equal(long.Parse(expected.GetString()!, CultureInfo.InvariantCulture), c.Values[row]);
                break;
            case TimestampColumn c:
                Assert.Equal(long.Parse(expected.GetString()!, CultureInfo.InvariantCulture), c.Values[row]);
                break;
            case Float32Column c:
                Assert.Equal((float)Double(expected), c.Values[row]);
                break;
            case Float64Column c:
                Assert.Equal(Double(expected), c.Values[row]);
                break;
            case BoolColumn c:
                Assert.Equal(expected.GetBoolean(), c.GetValue(row));
                break;
            case StringColumn c:
                Assert.Equal(expected.GetString(), c.GetString(row));
                Assert.Equal(expected.GetString(), System.Text.Encoding.UTF8.GetString(c.GetBytes(row)));
                break;
            case ListColumn c:
                (int start, int count) = c.GetValueRange(row);
                Assert.Equal(expected.GetArrayLength(), count);
                int element = start;
                foreach (JsonElement item in expected.EnumerateArray())
                {
                    AssertSlot(item, c.Values, element++);
                }

                break;
            case StructColumn c:
                foreach (ArrowColumn member in c.Children)
                {
                    AssertSlot(expected.GetProperty(member.Field.Name), member, row);
                }

                break;
            default:
                Assert.Fail($"{where}: no comparison for {column.GetType().Name}");
                break;
        }
    }

    private static double Double(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetDouble();
}
