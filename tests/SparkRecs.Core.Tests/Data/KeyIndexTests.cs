using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using SparkRecs.Core.Data;

namespace SparkRecs.Core.Tests.Data;

public class KeyIndexTests
{
    /// <summary>The index as it was before the numeric path: an ordinal dictionary and a list, ids by first appearance.</summary>
    private sealed class PlainIndex
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<string> Keys { get; } = [];

        public int GetOrAdd(string key)
        {
            if (!_ids.TryGetValue(key, out int id))
            {
                id = Keys.Count;
                _ids.Add(key, id);
                Keys.Add(key);
            }
            return id;
        }

        public bool TryGetId(string key, out int id) => _ids.TryGetValue(key, out id);
    }

    /// <summary>Keys that mix both paths and their near misses: canonical numbers small and up to 18 digits, and text that only looks numeric.</summary>
    private static Gen<string> Keys()
    {
        Gen<int> small = Gen.Choose(0, 300);
        Gen<string> big = Gen.Choose(0, 999_999_999).SelectMany(hi => Gen.Choose(0, 999_999_999), (hi, lo) => (hi * 1_000_000_000L + lo).ToString(CultureInfo.InvariantCulture));
        return Gen.OneOf(
            small.Select(n => n.ToString(CultureInfo.InvariantCulture)),
            small.Select(n => (70_000 + n * 1_000).ToString(CultureInfo.InvariantCulture)),
            big,
            small.Select(n => "0" + n.ToString(CultureInfo.InvariantCulture)),
            small.Select(n => "-" + n.ToString(CultureInfo.InvariantCulture)),
            small.Select(n => "+" + n.ToString(CultureInfo.InvariantCulture)),
            small.Select(n => n.ToString(CultureInfo.InvariantCulture) + ".0"),
            small.Select(n => " " + n.ToString(CultureInfo.InvariantCulture)),
            small.Select(n => "u" + n.ToString(CultureInfo.InvariantCulture)),
            Gen.Elements("", "0", "00", "000", "\u0663", "١٢", "999999999999999999", "1000000000000000000", "9223372036854775807", "99999999999999999999"));
    }

    [Fact]
    public void Mixed_canonical_and_other_keys_get_the_same_ids_and_keys_as_a_plain_dictionary()
    {
        Arbitrary<(string Key, bool AsSpan)[]> operations = Keys()
            .SelectMany(_ => ArbMap.Default.GeneratorFor<bool>(), (key, asSpan) => (key, asSpan))
            .ArrayOf()
            .ToArbitrary();

        Prop.ForAll(operations, ops =>
        {
            var index = new KeyIndex();
            var plain = new PlainIndex();
            foreach ((string key, bool asSpan) in ops)
            {
                int id = asSpan ? index.GetOrAdd(key.AsSpan()) : index.GetOrAdd(key);
                Assert.Equal(plain.GetOrAdd(key), id);
            }
            Assert.Equal(plain.Keys.Count, index.Count);
            Assert.Equal(plain.Keys, index.Keys);
            for (int id = 0; id < plain.Keys.Count; id++)
            {
                Assert.Equal(plain.Keys[id], index.KeyOf(id));
            }
            foreach (string probe in ops.Select(o => o.Key).Concat(["12345", "0012345", "x", "-0"]))
            {
                bool known = plain.TryGetId(probe, out int expected);
                Assert.Equal(known, index.TryGetId(probe, out int byString));
                Assert.Equal(known, index.TryGetId(probe.AsSpan(), out int bySpan));
                Assert.Equal(known ? expected : -1, known ? byString : -1);
                Assert.Equal(known ? expected : -1, known ? bySpan : -1);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(400));
    }

    [Fact]
    public void Merging_by_id_gives_the_same_ids_as_merging_by_key_text()
    {
        Arbitrary<(string[] First, string[] Second)> parts = Keys().ArrayOf()
            .SelectMany(_ => Keys().ArrayOf(), (first, second) => (first, second))
            .ToArbitrary();

        Prop.ForAll(parts, p =>
        {
            var local = new KeyIndex();
            foreach (string key in p.Second)
            {
                local.GetOrAdd(key);
            }
            var byId = new KeyIndex();
            var byText = new KeyIndex();
            foreach (string key in p.First)
            {
                byId.GetOrAdd(key);
                byText.GetOrAdd(key);
            }
            for (int id = 0; id < local.Count; id++)
            {
                Assert.Equal(byText.GetOrAdd(local.KeyOf(id)), byId.GetOrAddKeyOf(local, id));
            }
            Assert.Equal(byText.Keys, byId.Keys);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Leading_zeros_make_a_different_key_than_the_plain_number()
    {
        var index = new KeyIndex();

        int seven = index.GetOrAdd("7");
        int zeroZeroSeven = index.GetOrAdd("007".AsSpan());
        int zero = index.GetOrAdd("0");
        int doubleZero = index.GetOrAdd("00");

        Assert.Equal([0, 1, 2, 3], new[] { seven, zeroZeroSeven, zero, doubleZero });
        Assert.Equal(["7", "007", "0", "00"], index.Keys);
        Assert.Equal(seven, index.GetOrAdd("7".AsSpan()));
        Assert.False(index.TryGetId("07", out _));
    }

    [Fact]
    public void A_large_number_added_before_the_dense_range_reaches_it_keeps_its_id()
    {
        var index = new KeyIndex();
        index.GetOrAdd("3000000");
        index.GetOrAdd("123456789012345678");

        for (int n = 0; n < 1_000_000; n++)
        {
            Assert.Equal(n + 2, index.GetOrAdd(n.ToString(CultureInfo.InvariantCulture)));
        }

        Assert.Equal(0, index.GetOrAdd("3000000".AsSpan()));
        Assert.True(index.TryGetId("123456789012345678", out int large));
        Assert.Equal(1, large);
        Assert.Equal(1_000_002, index.Count);
        Assert.Equal("3000000", index.KeyOf(0));
        Assert.Equal("999999", index.KeyOf(1_000_001));
    }

    [Fact]
    public void Keys_is_a_live_view_that_grows_with_the_index()
    {
        var index = new KeyIndex();
        IReadOnlyList<string> keys = index.Keys;

        index.GetOrAdd("42");
        index.GetOrAdd("alice");

        Assert.Equal(2, keys.Count);
        Assert.Equal(["42", "alice"], keys);
        Assert.Same(index.KeyOf(0), keys[0]);
    }

    [Fact]
    public void KeyOf_an_unknown_id_names_the_id_and_the_size()
    {
        var index = new KeyIndex();
        index.GetOrAdd("1");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => index.KeyOf(1));

        Assert.Contains("Id 1 is not in this index of 1 keys", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyIndex().GetOrAddKeyOf(index, -1));
    }
}
