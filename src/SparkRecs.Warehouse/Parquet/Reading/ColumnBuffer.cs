namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>
/// The physical values of one column chunk (or of a dictionary page) while pages are decoded: one
/// slot per row, a typed array for fixed-width types and offsets + one byte buffer for byte arrays.
/// INT96 is stored already converted to Unix milliseconds in <see cref="Int64s"/>. Null slots hold the
/// type's default (zero bytes for byte arrays) and are marked in <see cref="Valid"/>, which stays null
/// while every slot is present.
/// </summary>
internal sealed class ColumnBuffer
{
    public ColumnBuffer(ParquetPhysicalType type, int typeLength, int capacity)
    {
        Type = type;
        TypeLength = typeLength;
        Capacity = capacity;
        switch (type)
        {
            case ParquetPhysicalType.Boolean:
                Booleans = new bool[capacity];
                break;
            case ParquetPhysicalType.Int32:
                Int32s = new int[capacity];
                break;
            case ParquetPhysicalType.Int64:
            case ParquetPhysicalType.Int96:
                Int64s = new long[capacity];
                break;
            case ParquetPhysicalType.Float:
                Floats = new float[capacity];
                break;
            case ParquetPhysicalType.Double:
                Doubles = new double[capacity];
                break;
            default:
                Offsets = new int[capacity + 1];
                long estimate = type == ParquetPhysicalType.FixedLenByteArray ? (long)typeLength * capacity : capacity * 8L;
                Bytes = new byte[(int)Math.Clamp(estimate, 16, 1 << 24)];
                break;
        }
    }

    public ParquetPhysicalType Type { get; }

    public int TypeLength { get; }

    public int Capacity { get; }

    public bool[]? Booleans { get; }

    public int[]? Int32s { get; }

    public long[]? Int64s { get; }

    public float[]? Floats { get; }

    public double[]? Doubles { get; }

    /// <summary>Byte-array slot s spans Bytes[Offsets[s] .. Offsets[s+1]).</summary>
    public int[]? Offsets { get; }

    public byte[] Bytes { get; private set; } = [];

    public int ByteLength { get; private set; }

    /// <summary>Presence per slot, or null when no slot is null.</summary>
    public bool[]? Valid { get; private set; }

    /// <summary>Whether the physical type is a byte array (variable or fixed).</summary>
    public bool IsBinary => Offsets is not null;

    /// <summary>Appends one byte-array value into slot <paramref name="slot"/> (slots must be filled in order).</summary>
    public void AppendBytes(int slot, ReadOnlySpan<byte> value)
    {
        EnsureBytes(value.Length);
        value.CopyTo(Bytes.AsSpan(ByteLength));
        ByteLength += value.Length;
        Offsets![slot + 1] = ByteLength;
    }

    /// <summary>Appends a value that is a prefix of the buffer's previous value followed by a suffix (DELTA_BYTE_ARRAY).</summary>
    public void AppendPrefixed(int slot, int previousStart, int prefixLength, ReadOnlySpan<byte> suffix)
    {
        EnsureBytes(prefixLength + suffix.Length);
        Bytes.AsSpan(previousStart, prefixLength).CopyTo(Bytes.AsSpan(ByteLength));
        suffix.CopyTo(Bytes.AsSpan(ByteLength + prefixLength));
        ByteLength += prefixLength + suffix.Length;
        Offsets![slot + 1] = ByteLength;
    }

    /// <summary>The bytes of a filled slot.</summary>
    public ReadOnlySpan<byte> GetBytes(int slot)
    {
        if (DictionaryIndices is not null)
        {
            int index = DictionaryIndices[slot];
            return index < 0 ? default : Dictionary!.GetBytes(index);
        }

        return Bytes.AsSpan(Offsets![slot], Offsets[slot + 1] - Offsets[slot]);
    }

    /// <summary>
    /// Moves the <paramref name="values"/> densely decoded values at [slot, slot + values) to the slots whose
    /// definition level is the maximum, leaving the others null. Works backwards in place, which is safe
    /// because a value never moves to a lower slot.
    /// </summary>
    public void Spread(int slot, ReadOnlySpan<int> levels, int maxLevel, int values)
    {
        int slots = levels.Length;
        if (values == slots)
        {
            MarkValid(slot, slots);
            return;
        }

        Span<bool> valid = SetValidity(slot, levels, maxLevel);
        int k = values - 1;
        if (DictionaryIndices is not null)
        {
            // Dictionary-index mode: null slots get index -1.
            Span<int> indices = DictionaryIndices.AsSpan(slot, slots);
            for (int i = slots - 1; i >= 0; i--)
            {
                indices[i] = valid[i] ? indices[k--] : -1;
            }

            return;
        }

        if (Offsets is not null)
        {
            Span<int> ends = Offsets.AsSpan(slot + 1, slots);
            for (int i = slots - 1; i >= 0; i--)
            {
                ends[i] = valid[i] ? ends[k--] : -1;
            }

            int previous = Offsets[slot];
            for (int i = 0; i < slots; i++)
            {
                if (ends[i] < 0)
                {
                    ends[i] = previous;
                }

                previous = ends[i];
            }

            return;
        }

        switch (Type)
        {
            case ParquetPhysicalType.Boolean:
                SpreadFixed(Booleans.AsSpan(slot, slots), valid, k);
                break;
            case ParquetPhysicalType.Int32:
                SpreadFixed(Int32s.AsSpan(slot, slots), valid, k);
                break;
            case ParquetPhysicalType.Float:
                SpreadFixed(Floats.AsSpan(slot, slots), valid, k);
                break;
            case ParquetPhysicalType.Double:
                SpreadFixed(Doubles.AsSpan(slot, slots), valid, k);
                break;
            default:
                SpreadFixed(Int64s.AsSpan(slot, slots), valid, k);
                break;
        }
    }

    /// <summary>
    /// Per-slot dictionary index while every page of a byte-array chunk is dictionary-encoded (then
    /// <see cref="Offsets"/> is not filled); null once the chunk had to be materialised.
    /// </summary>
    public int[]? DictionaryIndices { get; private set; }

    /// <summary>The chunk's dictionary, when <see cref="DictionaryIndices"/> is in use.</summary>
    public ColumnBuffer? Dictionary { get; private set; }

    /// <summary>Switches a byte-array buffer with no filled slot yet to dictionary-index mode.</summary>
    public void BeginDictionaryIndices(ColumnBuffer dictionary)
    {
        Dictionary = dictionary;
        DictionaryIndices = new int[Capacity];
    }

    /// <summary>
    /// Leaves dictionary-index mode: copies the values of the first <paramref name="filled"/> slots out of the
    /// dictionary so that later pages (a writer's PLAIN fallback) can append after them.
    /// </summary>
    public void MaterializeDictionaryIndices(int filled)
    {
        int[] indices = DictionaryIndices!;
        ColumnBuffer dictionary = Dictionary!;
        DictionaryIndices = null;
        Dictionary = null;
        for (int s = 0; s < filled; s++)
        {
            if (indices[s] >= 0)
            {
                AppendBytes(s, dictionary.GetBytes(indices[s]));
            }
            else
            {
                Offsets![s + 1] = ByteLength;
            }
        }
    }

    /// <summary>Marks a run of slots as present (only needed once a null has been seen).</summary>
    public void MarkValid(int slot, int slots)
    {
        if (Valid is not null)
        {
            Valid.AsSpan(slot, slots).Fill(true);
        }
    }

    private Span<bool> SetValidity(int slot, ReadOnlySpan<int> levels, int maxLevel)
    {
        EnsureValidity(slot);
        Span<bool> valid = Valid.AsSpan(slot, levels.Length);
        for (int i = 0; i < levels.Length; i++)
        {
            valid[i] = levels[i] == maxLevel;
        }

        return valid;
    }

    private static void SpreadFixed<T>(Span<T> data, ReadOnlySpan<bool> valid, int k)
    {
        for (int i = data.Length - 1; i >= 0; i--)
        {
            data[i] = valid[i] ? data[k--] : default!;
        }
    }

    private void EnsureValidity(int filledSlots)
    {
        if (Valid is null)
        {
            Valid = new bool[Capacity];
            Valid.AsSpan(0, filledSlots).Fill(true);
        }
    }

    private void EnsureBytes(int extra)
    {
        long needed = (long)ByteLength + extra;
        if (needed <= Bytes.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new InvalidDataException("column chunk holds more than 2 GB of byte-array data; split the row group");
        }

        long grown = Math.Min(Array.MaxLength, Math.Max(needed, (long)Bytes.Length * 2));
        byte[] bigger = new byte[grown];
        Bytes.AsSpan(0, ByteLength).CopyTo(bigger);
        Bytes = bigger;
    }
}
