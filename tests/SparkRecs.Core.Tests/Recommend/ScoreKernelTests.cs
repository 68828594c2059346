using SparkRecs.Core.Recommend;

namespace SparkRecs.Core.Tests.Recommend;

public class ScoreKernelTests
{
    public static TheoryData<int> Ranks()
    {
        var ranks = new TheoryData<int>();
        for (int rank = 1; rank <= 17; rank++)
        {
            ranks.Add(rank);
        }
        ranks.Add(31);
        ranks.Add(64);
        ranks.Add(100);
        return ranks;
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Every_score_equals_the_scalar_fused_dot_product_bit_for_bit(int rank)
    {
        int width = PackedItemPanels.PanelWidth;
        int itemCount = (3 * width) + 5;
        var users = TestData.RandomFactors(11, rank, seed: rank);
        var items = TestData.RandomFactors(itemCount, rank, seed: 1000 + rank);
        var panels = PackedItemPanels.Pack(items, threads: 2);

        // Every user count 0..9 covers the 4-user tile and each remainder.
        for (int userCount = 0; userCount <= 9; userCount++)
        {
            int stride = (panels.PanelCount * width) + 3;
            var tile = new float[Math.Max(1, userCount) * stride];
            ScoreKernel.ScoreUsers(users.Data, 1, userCount, panels, 0, panels.PanelCount, tile, stride, NoBars(userCount), new ulong[userCount]);
            for (int r = 0; r < userCount; r++)
            {
                for (int j = 0; j < itemCount; j++)
                {
                    float expected = ReferenceTopN.Dot(users.Row(1 + r), items.Row(j));
                    Assert.Equal(expected, tile[(r * stride) + j]);
                }
            }
        }
    }

    [Fact]
    public void Padding_columns_of_the_last_panel_score_zero()
    {
        var users = TestData.RandomFactors(4, 3, seed: 1);
        var items = TestData.RandomFactors(1, 3, seed: 2);
        var panels = PackedItemPanels.Pack(items, threads: 1);
        var tile = new float[4 * PackedItemPanels.PanelWidth];

        ScoreKernel.ScoreUsers(users.Data, 0, 4, panels, 0, 1, tile, PackedItemPanels.PanelWidth, NoBars(4), new ulong[4]);

        for (int r = 0; r < 4; r++)
        {
            Assert.All(tile.AsSpan((r * PackedItemPanels.PanelWidth) + 1, PackedItemPanels.PanelWidth - 1).ToArray(), s => Assert.Equal(0f, s));
        }
    }

    [Fact]
    public void Out_of_range_users_are_rejected_before_touching_memory()
    {
        var users = TestData.RandomFactors(2, 4, seed: 1);
        var panels = PackedItemPanels.Pack(TestData.RandomFactors(3, 4, seed: 2), threads: 1);
        var tile = new float[8 * PackedItemPanels.PanelWidth];

        Assert.Throws<ArgumentException>(() => ScoreKernel.ScoreUsers(users.Data, 1, 2, panels, 0, 1, tile, PackedItemPanels.PanelWidth, NoBars(2), new ulong[2]));
    }

    [Fact]
    public void Too_few_bars_or_flags_are_rejected()
    {
        var users = TestData.RandomFactors(4, 4, seed: 1);
        var panels = PackedItemPanels.Pack(TestData.RandomFactors(3, 4, seed: 2), threads: 1);
        var tile = new float[4 * PackedItemPanels.PanelWidth];

        Assert.Throws<ArgumentException>(() => ScoreKernel.ScoreUsers(users.Data, 0, 4, panels, 0, 1, tile, PackedItemPanels.PanelWidth, NoBars(3), new ulong[4]));
        Assert.Throws<ArgumentException>(() => ScoreKernel.ScoreUsers(users.Data, 0, 4, panels, 0, 1, tile, PackedItemPanels.PanelWidth, NoBars(4), new ulong[3]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void A_panel_is_flagged_for_a_user_exactly_when_one_of_its_scores_reaches_the_users_bar(int rank)
    {
        int width = PackedItemPanels.PanelWidth;
        int panelCount = 5;
        var users = TestData.RandomFactors(11, rank, seed: rank);
        var items = TestData.RandomFactors(panelCount * width, rank, seed: 100 + rank);
        var panels = PackedItemPanels.Pack(items, threads: 1);
        var random = new Random(rank);

        // Every user count 1..11 covers full register tiles and the one-user remainder.
        for (int userCount = 1; userCount <= 11; userCount++)
        {
            // Bars around each user's scores: some panels reach them, some do not; one bar equals a score exactly.
            var bars = new float[userCount];
            for (int r = 0; r < userCount; r++)
            {
                bars[r] = r == 0
                    ? ReferenceTopN.Dot(users.Row(0), items.Row(width + 3))
                    : (random.NextSingle() - 0.5f) * MathF.Sqrt(rank) * 0.6f;
            }
            var tile = new float[userCount * panelCount * width];
            var passed = Enumerable.Repeat(ulong.MaxValue, userCount).ToArray();
            ScoreKernel.ScoreUsers(users.Data, 0, userCount, panels, 0, panelCount, tile, panelCount * width, bars, passed);

            for (int r = 0; r < userCount; r++)
            {
                for (int p = 0; p < panelCount; p++)
                {
                    bool expected = Enumerable.Range(p * width, width).Any(j => ReferenceTopN.Dot(users.Row(r), items.Row(j)) >= bars[r]);
                    Assert.True(expected == ((passed[r] >> p & 1) == 1), $"{userCount} users, user {r}, panel {p}: expected flag {expected}.");
                }
                Assert.Equal(0UL, passed[r] >> panelCount);
            }
        }
    }

    [Fact]
    public void Infinite_and_nan_bars_flag_no_finite_score()
    {
        var users = TestData.RandomFactors(8, 3, seed: 1);
        var panels = PackedItemPanels.Pack(TestData.RandomFactors(2 * PackedItemPanels.PanelWidth, 3, seed: 2), threads: 1);
        var tile = new float[8 * 2 * PackedItemPanels.PanelWidth];
        var passed = new ulong[8];
        var bars = new float[8];
        Array.Fill(bars, float.PositiveInfinity);
        bars[2] = float.NaN;

        ScoreKernel.ScoreUsers(users.Data, 0, 8, panels, 0, 2, tile, 2 * PackedItemPanels.PanelWidth, bars, passed);

        Assert.All(passed, flags => Assert.Equal(0UL, flags));
    }

    /// <summary>Bars no finite score reaches: the tile is all that is tested.</summary>
    private static float[] NoBars(int count) => Enumerable.Repeat(float.PositiveInfinity, count).ToArray();
}
