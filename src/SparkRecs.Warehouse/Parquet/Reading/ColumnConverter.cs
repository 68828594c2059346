using System.Buffers.Binary;
using System.Numerics;

namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// Turns decoded physical values into the representation the schema's <see cref="ParquetValueKind"/>
/// promises: timestamps to Unix milliseconds (floor division, so instants before 1970 round down like
/// every other engine), decimals to double, UINT32 widened to long, FLOAT16 widened to float.
/// </summary>
internal static class ColumnConverter
{
    private const long MaxExactDoubleInteger = 1L << 53;

    public static ParquetColumn ToColumn(ParquetColumnSchema schema, ColumnBuffer buffer)
    {
        int n = buffer.Capacity;
        bool[]? valid = buffer.Valid;
        switch (schema.ValueKind)
        {
            case ParquetValueKind.Boolean:
                return new ParquetColumn(schema, n, valid, booleans: buffer.Booleans);
            case ParquetValueKind.Int32:
            case ParquetValueKind.Date:
                return new ParquetColumn(schema, n, valid, int32s: buffer.Int32s);
            case ParquetValueKind.Int64 when buffer.Type == ParquetPhysicalType.Int32:
                return new ParquetColumn(schema, n, valid, int64s: WidenUnsigned(buffer.Int32s!));
            case ParquetValueKind.Int64:
            case ParquetValueKind.UInt64:
                return new ParquetColumn(schema, n, valid, int64s: buffer.Int64s);
            case ParquetValueKind.TimestampMillis:
                return new ParquetColumn(schema, n, valid, int64s: ToMillis(buffer.Int64s!, schema));
            case ParquetValueKind.Float when buffer.Type == ParquetPhysicalType.FixedLenByteArray:
                return new ParquetColumn(schema, n, valid, floats: HalfToFloat(buffer, valid));
            case ParquetValueKind.Float:
                return new ParquetColumn(schema, n, valid, floats: buffer.Floats);
            case ParquetValueKind.Double when schema.LogicalType == ParquetLogicalType.Decimal:
                return new ParquetColumn(schema, n, valid, doubles: DecimalToDouble(buffer, schema.DecimalScale, valid));
            case ParquetValueKind.Double:
                return new ParquetColumn(schema, n, valid, doubles: buffer.Doubles);
            default:
                if (buffer.DictionaryIndices is { } indices)
                {
                    ColumnBuffer entries = buffer.Dictionary!;
                    var dictionary = new ParquetColumn(schema, entries.Capacity, null, offsets: entries.Offsets, bytes: entries.Bytes);
                    return new ParquetColumn(schema, n, valid, dictionary: dictionary, dictionaryIndices: indices);
                }

                return new ParquetColumn(schema, n, valid, offsets: buffer.Offsets, bytes: buffer.Bytes);
        }
    }

    /// <summary>Converts a raw timestamp to Unix milliseconds by floor division.</summary>
    public static long ToMillis(long raw, ParquetTimeUnit unit) => unit switch
    {
        ParquetTimeUnit.Micros => FloorDiv(raw, 1_000),
        ParquetTimeUnit.Nanos => FloorDiv(raw, 1_000_000),
        _ => raw,
    };

    private static long[] ToMillis(long[] values, ParquetColumnSchema schema)
    {
        // INT96 pages are already converted while decoding; its TimeUnit (Nanos) describes the file, not the buffer.
        if (schema.PhysicalType == ParquetPhysicalType.Int96 || schema.TimeUnit == ParquetTimeUnit.Millis)
        {
            return values;
        }

        long divisor = schema.TimeUnit == ParquetTimeUnit.Micros ? 1_000 : 1_000_000;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = FloorDiv(values[i], divisor);
        }

        return values;
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    private static long[] WidenUnsigned(int[] values)
    {
        var widened = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            widened[i] = (uint)values[i];
        }

        return widened;
    }

    private static float[] HalfToFloat(ColumnBuffer buffer, bool[]? valid)
    {
        var floats = new float[buffer.Capacity];
        for (int i = 0; i < floats.Length; i++)
        {
            if (valid is null || valid[i])
            {
                floats[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(buffer.GetBytes(i)));
            }
        }

        return floats;
    }

    private static double[] DecimalToDouble(ColumnBuffer buffer, int scale, bool[]? valid)
    {
        var doubles = new double[buffer.Capacity];
        for (int i = 0; i < doubles.Length; i++)
        {
            if (valid is not null && !valid[i])
            {
                continue;
            }

            doubles[i] = buffer.Type switch
            {
                ParquetPhysicalType.Int32 => Scale(buffer.Int32s![i], scale),
                ParquetPhysicalType.Int64 => Scale(buffer.Int64s![i], scale),
                _ => ScaleBigEndian(buffer.GetBytes(i), scale),
            };
        }

        return doubles;
    }

    /// <summary>
    /// unscaled / 10^scale. When both operands are exact doubles (|unscaled| ≤ 2^53, scale ≤ 22) one IEEE
    /// division gives the correctly rounded result; otherwise System.Decimal or BigInteger keeps the digits.
    /// </summary>
    private static double Scale(long unscaled, int scale)
    {
        if (scale <= 22 && unscaled is >= -MaxExactDoubleInteger and <= MaxExactDoubleInteger)
        {
            return unscaled / Pow10(scale);
        }

        return scale <= 28 ? (double)(new decimal(unscaled) / Pow10Decimal(scale)) : unscaled / Math.Pow(10, scale);
    }

    private static double ScaleBigEndian(ReadOnlySpan<byte> bytes, int scale)
    {
        if (bytes.IsEmpty)
        {
            return 0;
        }

        if (bytes.Length <= 8)
        {
            long value = (sbyte)bytes[0];
            for (int k = 1; k < bytes.Length; k++)
            {
                value = (value << 8) | bytes[k];
            }

            return Scale(value, scale);
        }

        var big = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
        if (scale <= 28 && BigInteger.Abs(big) < (BigInteger)decimal.MaxValue)
        {
            return (double)((decimal)big / Pow10Decimal(scale));
        }

        return (double)big / Math.Pow(10, scale);
    }

    private static double Pow10(int scale)
    {
        double p = 1;
        for (int k = 0; k < scale; k++)
        {
            p *= 10;
        }

        return p;
    }

    private static decimal Pow10Decimal(int scale)
    {
        decimal p = 1;
        for (int k = 0; k < scale; k++)
        {
            p *= 10;
        }

        return p;
    }
}
