using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SparkRecs.Core.Data;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Pipeline.Output;

/// <summary>
/// Writes a run's model artifacts as tab-separated files into its run folder, keyed by the
/// warehouse's own user and item keys:
/// <list type="table">
/// <item><term>recommendations.tsv</term><description>user_key, rank (1-based), item_key, score</description></item>
/// <item><term>similar_items.tsv</term><description>item_key, rank, similar_item_key, cosine</description></item>
/// <item><term>popular.tsv</term><description>rank, item_key, score (the fallback list for unknown users)</description></item>
/// <item><term>user_factors.tsv / item_factors.tsv</term><description>key, then one column per latent factor</description></item>
/// </list>
/// </summary>
/// <remarks>
/// Files are streamed row by row through a buffered UTF-8 writer (no intermediate strings per
/// file); with <c>compress</c> each file gets a <c>.gz</c> suffix. Keys containing a tab or newline
/// cannot be written unambiguously and fail the write with a message naming the key.
/// Each file is written under a temporary name and renamed when complete, so a reader never sees
/// a half-written file.
/// </remarks>
public static class RunFolderWriter
{
    /// <summary>Writes all artifact files into <paramref name="folder"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(ModelArtifacts artifacts, string folder, bool compress, Action<string, long>? onRows = null)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        string ext = compress ? ".tsv.gz" : ".tsv";

        written.Add(WriteFile(Path.Combine(folder, "recommendations" + ext), compress, "user_key\trank\titem_key\tscore", w =>
            WriteLists(w, artifacts.Recommendations, artifacts.UserKeys, artifacts.ItemKeys, r => onRows?.Invoke("recommendations", r))));
        written.Add(WriteFile(Path.Combine(folder, "similar_items" + ext), compress, "item_key\trank\tsimilar_item_key\tscore", w =>
            WriteLists(w, artifacts.SimilarItems, artifacts.ItemKeys, artifacts.ItemKeys, r => onRows?.Invoke("similar_items", r))));
        written.Add(WriteFile(Path.Combine(folder, "popular" + ext), compress, "rank\titem_key\tscore", w =>
        {
            for (int r = 0; r < artifacts.PopularItems.Length; r++)
            {
                w.Write((r + 1).ToString(CultureInfo.InvariantCulture));
                w.Write('\t');
                w.Write(CheckedKey(artifacts.ItemKeys.KeyOf(artifacts.PopularItems[r])));
                w.Write('\t');
                WriteFloat(w, artifacts.PopularScores[r]);
                w.Write('\n');
            }
        }));
        written.Add(WriteFile(Path.Combine(folder, "user_factors" + ext), compress, FactorHeader("user_key", artifacts.UserFactors.Rank), w =>
            WriteFactors(w, artifacts.UserFactors, artifacts.UserKeys)));
        written.Add(WriteFile(Path.Combine(folder, "item_factors" + ext), compress, FactorHeader("item_key", artifacts.ItemFactors.Rank), w =>
            WriteFactors(w, artifacts.ItemFactors, artifacts.ItemKeys)));
        return written;
    }

    /// <summary>Writes one file atomically (temporary name, then rename).</summary>
    public static string WriteFile(string path, bool compress, string header, Action<TextWriter> body)
    {
        string tmp = path + ".partial";
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (Stream stream = compress ? new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
        {
            writer.NewLine = "\n";
            writer.Write(header);
            writer.Write('\n');
            body(writer);
        }
        File.Move(tmp, path, overwrite: true);
        return path;
    }

    private static void WriteLists(TextWriter w, TopNLists lists, KeyIndex rowKeys, KeyIndex itemKeys, Action<long> onRows)
    {
        long rows = 0;
        for (int r = 0; r < lists.Rows; r++)
        {
            var items = lists.Items(r);
            var scores = lists.Scores(r);
            string rowKey = CheckedKey(rowKeys.KeyOf(r));
            for (int k = 0; k < items.Length && items[k] >= 0; k++)
            {
                w.Write(rowKey);
                w.Write('\t');
                w.Write((k + 1).ToString(CultureInfo.InvariantCulture));
                w.Write('\t');
                w.Write(CheckedKey(itemKeys.KeyOf(items[k])));
                w.Write('\t');
                WriteFloat(w, scores[k]);
                w.Write('\n');
                rows++;
            }
            if ((r & 0xFFF) == 0)
            {
                onRows(rows);
            }
        }
        onRows(rows);
    }

    private static void WriteFactors(TextWriter w, FactorMatrix factors, KeyIndex keys)
    {
        for (int r = 0; r < factors.Rows; r++)
        {
            w.Write(CheckedKey(keys.KeyOf(r)));
            foreach (float f in factors.Row(r))
            {
                w.Write('\t');
                WriteFloat(w, f);
            }
            w.Write('\n');
        }
    }

    private static string FactorHeader(string keyColumn, int rank)
    {
        var sb = new StringBuilder(keyColumn);
        for (int k = 0; k < rank; k++)
        {
            sb.Append("\tf").Append(k.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static void WriteFloat(TextWriter w, float value)
    {
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out int n, "R", CultureInfo.InvariantCulture);
        w.Write(buffer[..n]);
    }

    private static readonly SearchValues<char> Separators = SearchValues.Create("\t\n\r");

    private static string CheckedKey(string key)
    {
        if (key.AsSpan().IndexOfAny(Separators) >= 0)
        {
            throw new Core.Errors.DataException($"The key '{key.ReplaceLineEndings(" ")}' contains a tab or newline and cannot be written to a TSV output file; clean the key column in the warehouse.");
        }
        return key;
    }
}
