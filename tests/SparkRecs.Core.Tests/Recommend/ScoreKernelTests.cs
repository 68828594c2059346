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
            ScoreKernel.ScoreUsers(users.Data, 1, userCount, panels, 0, panels.PanelCount, tile, stride);
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

        ScoreKernel.ScoreUsers(users.Data, 0, 4, panels, 0, 1, tile, PackedItemPanels.PanelWidth);

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

        Assert.Throws<ArgumentException>(() => ScoreKernel.ScoreUsers(users.Data, 1, 2, panels, 0, 1, tile, PackedItemPanels.PanelWidth));
    }
}
