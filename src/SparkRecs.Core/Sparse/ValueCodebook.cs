namespace SparkRecs.Core.Sparse;

/// <summary>
/// The distinct values of a matrix, sorted, and the code (table index) of each: the dictionary of
/// <see cref="CompactCsrMatrix"/>'s byte and ushort encodings.
/// </summary>
/// <remarks>
/// Values are told apart by their bit pattern, so the encoding is lossless to the bit (<c>-0</c> and
/// <c>+0</c> get different codes). The look-up is an open-addressing hash table of the bit patterns
/// with a power-of-two size at least twice <see cref="MaxDistinct"/> (about 1 MB), probed linearly:
/// a code costs one multiply and, almost always, one probe. Non-finite values never reach it (the
/// caller refuses them), so no NaN payloads need a canonical form.
/// </remarks>
internal sealed class ValueCodebook
{
    /// <summary>The most distinct values a codebook holds: what a ushort code can index.</summary>
    public const int MaxDistinct = 1 << 16;

    private const int SlotBits = 17;
    private const int Empty = -1;

    private readonly uint[] _keys = new uint[1 << SlotBits];
    private readonly int[] _codes = new int[1 << SlotBits];
    private float[] _table = [];
    private int _count;

    private ValueCodebook() => Array.Fill(_codes, Empty);

    /// <summary>The distinct values in increasing order (<c>-0</c> before <c>+0</c>); a value's code is its index here.</summary>
    public ReadOnlySpan<float> Table => _table;

    /// <summary>
    /// Collects the distinct values of <paramref name="values"/> (all finite), or returns
    /// <see langword="null"/> as soon as there are more than <see cref="MaxDistinct"/>.
    /// </summary>
    public static ValueCodebook? TryBuild(ReadOnlySpan<float> values)
    {
        var book = new ValueCodebook();
        var distinct = new float[MaxDistinct];
        foreach (float value in values)
        {
            uint key = BitConverter.SingleToUInt32Bits(value);
            int slot = book.Find(key);
            if (book._codes[slot] != Empty)
            {
                continue;
            }
            if (book._count == MaxDistinct)
            {
                return null;
            }
            book._keys[slot] = key;
            book._codes[slot] = book._count;
            distinct[book._count++] = value;
        }
        Array.Resize(ref distinct, book._count);
        // Sorted codes make the table readable and independent of the order values were met in.
        Array.Sort(distinct, CompareTotalOrder);
        for (int code = 0; code < distinct.Length; code++)
        {
            book._codes[book.Find(BitConverter.SingleToUInt32Bits(distinct[code]))] = code;
        }
        book._table = distinct;
        return book;
    }

    /// <summary>The code of <paramref name="value"/>, which must be one of the values the codebook was built from.</summary>
    public int Code(float value) => _codes[Find(BitConverter.SingleToUInt32Bits(value))];

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go.</summary>
    private int Find(uint key)
    {
        const int mask = (1 << SlotBits) - 1;
        // Fibonacci hashing: the top bits of key * 2^32 / phi spread nearby bit patterns apart.
        int slot = (int)((key * 2654435769u) >> (32 - SlotBits));
        while (_codes[slot] != Empty && _keys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int CompareTotalOrder(float a, float b)
    {
        int byValue = a.CompareTo(b);
        // Only -0 and +0 compare equal among distinct finite bit patterns; the sign bit orders them.
        return byValue != 0 ? byValue : (BitConverter.SingleToInt32Bits(b) < 0).CompareTo(BitConverter.SingleToInt32Bits(a) < 0);
    }
}
