using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Warehouse.Tests.Parquet;

/// <summary>Seeded random tables (sizes, null patterns, page sizes, repetition) survive a write and a read unchanged.</summary>
public sealed class ParquetWriterRandomRoundTripTests
{
    private static readonly ParquetWriterColumn[] Columns =
    [
        new("key", ParquetWriterType.String, IsOptional: true),
        new("n32", ParquetWriterType.Int32, IsOptional: true),
        new("n64", ParquetWriterType.Int64),
        new("x", ParquetWriterType.Double, IsOptional: true),
        new("f", ParquetWriterType.Float),
        new("at", ParquetWriterType.TimestampMillis, IsOptional: true),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_tables_round_trip(int seed)
    {
        var random = new Random(seed);
        int rows = random.Next(0, 3000);
        double nullRate = random.Next(4) * 0.3;
        int distinct = 1 + random.Next(rows + 1);
        string?[] keys = new string?[rows];
        int[] n32 = new int[rows];
        long[] n64 = new long[rows];
        double[] x = new double[rows];
        float[] f = new float[rows];
        long[] at = new long[rows];
        bool[] present = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            present[i] = random.NextDouble() >= nullRate;
            keys[i] = present[i] ? "k" + random.Next(distinct) : null;
            n32[i] = present[i] ? random.Next(int.MinValue, int.MaxValue) : 0;
            n64[i] = random.NextInt64(long.MinValue, long.MaxValue);
            x[i] = present[i] ? random.NextDouble() * 1e6 : 0;
            f[i] = (float)random.NextDouble();
            at[i] = present[i] ? random.NextInt64(-1_000_000_000_000, 4_000_000_000_000) : 0;
        }

        var options = new ParquetWriterOptions
        {
            Compression = seed % 2 == 0 ? ParquetCompression.Snappy : ParquetCompression.Uncompressed,
            PageRows = 1 + random.Next(700),
        };
        using var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, Columns, options, leaveOpen: true))
        {
            writer.BeginRowGroup(rows);
            writer.WriteStrings(0, keys);
            writer.WriteInt32(1, n32, present);
            writer.WriteInt64(2, n64);
            writer.WriteDouble(3, x, present);
            writer.WriteFloat(4, f);
            writer.WriteInt64(5, at, present);
            writer.EndRowGroup();
            writer.Complete();
        }

        string path = Path.Combine(Path.GetTempPath(), $"sparkrecs-random-{seed}-{Guid.NewGuid():N}.parquet");
        File.WriteAllBytes(path, stream.ToArray());
        try
        {
            using ParquetFile file = ParquetFile.Open(path);
            ParquetColumn key = file.ReadColumn(0, "key");
            Assert.Equal(keys, Enumerable.Range(0, rows).Select(key.GetString));
            Assert.Equal(n32, file.ReadColumn(0, "n32").Int32s.ToArray());
            Assert.Equal(n64, file.ReadColumn(0, "n64").Int64s.ToArray());
            Assert.Equal(x, file.ReadColumn(0, "x").Doubles.ToArray());
            Assert.Equal(f, file.ReadColumn(0, "f").Floats.ToArray());
            ParquetColumn times = file.ReadColumn(0, "at");
            Assert.Equal(at, times.Int64s.ToArray());
            Assert.Equal(present.Count(p => !p), times.NullCount);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
