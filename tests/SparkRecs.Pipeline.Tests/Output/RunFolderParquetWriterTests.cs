using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Pipeline.Output;
using SparkRecs.Pipeline.Tests.Support;
using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Pipeline.Tests.Output;

public sealed class RunFolderParquetWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parquet_output_reads_back_as_the_artifacts_with_padding_left_out()
    {
        var artifacts = Artifacts(users: 5, items: 7, rank: 3, width: 4);
        var files = RunFolderParquetWriter.Write(artifacts, _folder.Path);

        Assert.Equal(5, files.Count);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.partial"));
        var rows = ReadRows(Path.Combine(_folder.Path, "recommendations.parquet"), "user_key", "rank", "item_key", "score");
        var expected = new List<(string, int, string, float)>();
        for (int u = 0; u < 5; u++)
        {
            var items = artifacts.Recommendations.Items(u);
            for (int k = 0; k < items.Length && items[k] >= 0; k++)
            {
                expected.Add(($"user-{u}", k + 1, $"item-{items[k]}", artifacts.Recommendations.Scores(u)[k]));
            }
        }
        Assert.Equal(expected, rows);
        Assert.Contains(rows, r => r.Item1 == "user-4"); // the short list of the last user is there, without padding

        using var factors = ParquetFile.Open(Path.Combine(_folder.Path, "item_factors.parquet"));
        Assert.Equal(7, factors.RowCount);
        Assert.Equal(["item_key", "f0", "f1", "f2"], factors.Columns.Select(c => c.Name));
        Assert.Equal(artifacts.ItemFactors.Row(6)[2], factors.ReadColumn(0, "f2").Floats[6]);
        Assert.Equal("item-6", factors.ReadColumn(0, "item_key").GetString(6));

        var popular = ReadRows(Path.Combine(_folder.Path, "popular.parquet"), null, "rank", "item_key", "score");
        Assert.Equal([(null!, 1, "item-3", 9f), (null!, 2, "item-1", 4f)], popular);
    }

    private static List<(string, int, string, float)> ReadRows(string path, string? key, string rank, string item, string score)
    {
        using var file = ParquetFile.Open(path);
        var rows = new List<(string, int, string, float)>();
        for (int g = 0; g < file.RowGroups.Count; g++)
        {
            var keys = key is null ? null : file.ReadColumn(g, key);
            var ranks = file.ReadColumn(g, rank);
            var items = file.ReadColumn(g, item);
            var scores = file.ReadColumn(g, score);
            for (int r = 0; r < ranks.Length; r++)
            {
                rows.Add((keys?.GetString(r)!, ranks.Int32s[r], items.GetString(r)!, scores.Floats[r]));
            }
        }
        return rows;
    }

    private static ModelArtifacts Artifacts(int users, int items, int rank, int width)
    {
        var userKeys = new KeyIndex();
        var itemKeys = new KeyIndex();
        for (int u = 0; u < users; u++)
        {
            userKeys.GetOrAdd($"user-{u}");
        }
        for (int i = 0; i < items; i++)
        {
            itemKeys.GetOrAdd($"item-{i}");
        }
        var userFactors = new FactorMatrix(users, rank);
        var itemFactors = new FactorMatrix(items, rank);
        for (int k = 0; k < itemFactors.Data.Length; k++)
        {
            itemFactors.Data[k] = k * 0.5f;
        }
        var recs = new TopNLists(users, width);
        for (int u = 0; u < users; u++)
        {
            int length = u == users - 1 ? 2 : width;
            for (int k = 0; k < length; k++)
            {
                recs.Items(u)[k] = (u + k) % items;
                recs.Scores(u)[k] = 10 - k - u * 0.25f;
            }
        }
        return new ModelArtifacts(userKeys, itemKeys, userFactors, itemFactors, recs, new TopNLists(items, 0), [3, 1], [9f, 4f]);
    }
}
