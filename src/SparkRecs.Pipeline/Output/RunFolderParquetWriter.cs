using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Warehouse.Parquet;

namespace SparkRecs.Pipeline.Output;

/// <summary>
/// Writes a run's artifacts back to the lake as snappy Parquet (dictionary-encoded keys, min/max
/// statistics), one file per table, with the same columns as the TSV output:
/// <c>recommendations.parquet</c> (user_key, rank, item_key, score), <c>similar_items.parquet</c>
/// (item_key, rank, similar_item_key, score), <c>popular.parquet</c> (rank, item_key, score), and
/// <c>user_factors.parquet</c> / <c>item_factors.parquet</c> (key, then one FLOAT column per factor).
/// </summary>
/// <remarks>
/// Lists are streamed in row groups of about <see cref="RowsPerGroup"/> rows: memory is one row
/// group's columns, never the whole table. Each file is written under a temporary name and renamed
/// when complete; a writer disposed without completing deletes its partial file.
/// </remarks>
public static class RunFolderParquetWriter
{
    /// <summary>Target rows per row group.</summary>
    public const int RowsPerGroup = 1 << 20;

    /// <summary>Writes all artifact files into <paramref name="folder"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(ModelArtifacts artifacts, string folder, Action<string, long>? onRows = null)
    {
        Directory.CreateDirectory(folder);
        return
        [
            WriteLists(Path.Combine(folder, "recommendations.parquet"), "user_key", "item_key", artifacts.Recommendations, artifacts.UserKeys, artifacts.ItemKeys, onRows),
            WriteLists(Path.Combine(folder, "similar_items.parquet"), "item_key", "similar_item_key", artifacts.SimilarItems, artifacts.ItemKeys, artifacts.ItemKeys, onRows),
            WritePopular(Path.Combine(folder, "popular.parquet"), artifacts),
            WriteFactors(Path.Combine(folder, "user_factors.parquet"), "user_key", artifacts.UserFactors, artifacts.UserKeys),
            WriteFactors(Path.Combine(folder, "item_factors.parquet"), "item_key", artifacts.ItemFactors, artifacts.ItemKeys),
        ];
    }

    private static string WriteLists(string path, string rowKey, string itemKey, TopNLists lists, KeyIndex rowKeys, KeyIndex itemKeys, Action<string, long>? onRows)
    {
        return Atomically(path, [new(rowKey, ParquetWriterType.String), new("rank", ParquetWriterType.Int32), new(itemKey, ParquetWriterType.String), new("score", ParquetWriterType.Float)], writer =>
        {
            var keys = new List<string?>();
            var ranks = new List<int>();
            var items = new List<string?>();
            var scores = new List<float>();
            long written = 0;
            int usersPerGroup = Math.Max(1, RowsPerGroup / Math.Max(1, lists.Width));
            for (int start = 0; start < lists.Rows; start += usersPerGroup)
            {
                int end = Math.Min(lists.Rows, start + usersPerGroup);
                keys.Clear();
                ranks.Clear();
                items.Clear();
                scores.Clear();
                for (int r = start; r < end; r++)
                {
                    var rowItems = lists.Items(r);
                    var rowScores = lists.Scores(r);
                    string key = rowKeys.KeyOf(r);
                    for (int k = 0; k < rowItems.Length && rowItems[k] >= 0; k++)
                    {
                        keys.Add(key);
                        ranks.Add(k + 1);
                        items.Add(itemKeys.KeyOf(rowItems[k]));
                        scores.Add(rowScores[k]);
                    }
                }
                if (keys.Count == 0)
                {
                    continue;
                }
                writer.BeginRowGroup(keys.Count);
                writer.WriteStrings(0, keys);
                writer.WriteInt32(1, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ranks));
                writer.WriteStrings(2, items);
                writer.WriteFloat(3, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scores));
                writer.EndRowGroup();
                written += keys.Count;
                onRows?.Invoke(Path.GetFileNameWithoutExtension(path), written);
            }
        });
    }

    private static string WritePopular(string path, ModelArtifacts artifacts)
    {
        return Atomically(path, [new("rank", ParquetWriterType.Int32), new("item_key", ParquetWriterType.String), new("score", ParquetWriterType.Float)], writer =>
        {
            int n = artifacts.PopularItems.Length;
            if (n == 0)
            {
                return;
            }
            writer.BeginRowGroup(n);
            writer.WriteInt32(0, Enumerable.Range(1, n).ToArray());
            writer.WriteStrings(1, artifacts.PopularItems.Select(i => (string?)artifacts.ItemKeys.KeyOf(i)).ToList());
            writer.WriteFloat(2, artifacts.PopularScores);
            writer.EndRowGroup();
        });
    }

    private static string WriteFactors(string path, string keyColumn, FactorMatrix factors, KeyIndex keys)
    {
        var columns = new List<ParquetWriterColumn> { new(keyColumn, ParquetWriterType.String) };
        for (int k = 0; k < factors.Rank; k++)
        {
            columns.Add(new ParquetWriterColumn("f" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), ParquetWriterType.Float));
        }
        return Atomically(path, columns, writer =>
        {
            int rowsPerGroup = Math.Max(1, RowsPerGroup / Math.Max(1, factors.Rank / 4));
            var column = new float[Math.Min(rowsPerGroup, Math.Max(1, factors.Rows))];
            for (int start = 0; start < factors.Rows; start += rowsPerGroup)
            {
                int count = Math.Min(rowsPerGroup, factors.Rows - start);
                writer.BeginRowGroup(count);
                writer.WriteStrings(0, Enumerable.Range(start, count).Select(r => (string?)keys.KeyOf(r)).ToList());
                for (int k = 0; k < factors.Rank; k++)
                {
                    for (int r = 0; r < count; r++)
                    {
                        column[r] = factors.Data[(long)(start + r) * factors.Rank + k];
                    }
                    writer.WriteFloat(k + 1, column.AsSpan(0, count));
                }
                writer.EndRowGroup();
            }
        });
    }

    private static string Atomically(string path, IReadOnlyList<ParquetWriterColumn> columns, Action<ParquetWriter> body)
    {
        string tmp = path + ".partial";
        using (var writer = ParquetWriter.Create(tmp, columns))
        {
            body(writer);
            writer.Complete();
        }
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
