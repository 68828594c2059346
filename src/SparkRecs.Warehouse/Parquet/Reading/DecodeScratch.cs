namespace SparkRecs.Warehouse.Parquet.Reading;

/// <summary>Reusable scratch arrays for one column read (levels, dictionary indices, delta values), grown on demand.</summary>
internal sealed class DecodeScratch
{
    private int[] _ints = new int[1024];
    private int[] _levels = new int[1024];
    private long[] _longs = new long[1024];
    private long[] _longs2 = new long[1024];

    public Span<int> Ints(int length) => Grow(ref _ints, length).AsSpan(0, length);

    public Span<int> Levels(int length) => Grow(ref _levels, length).AsSpan(0, length);

    public Span<long> Longs(int length) => Grow(ref _longs, length).AsSpan(0, length);

    public Span<long> SecondLongs(int length) => Grow(ref _longs2, length).AsSpan(0, length);

    private static T[] Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }

        return array;
    }
}
