using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;

namespace SparkRecs.Postgres.Loading;

/// <summary>
/// The row writers: one loop per table shape, reading the artifact arrays in place. Each loop runs
/// once per table for millions of rows, so it is compiled fully optimised from the start
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>) rather than starting in the
/// unoptimised tier and being replaced mid-loop; the benchmark's first load showed the difference.
/// </summary>
public sealed partial class BulkLoader
{
    /// <summary>
    /// Writes (row key, rank, item key, score) for every real entry of every list; ranks start at
    /// 1 and the -1 padding that ends a short list is skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRankedLists(NpgsqlBinaryImporter importer, CopyMeter meter, KeyIndex rowKeys, KeyIndex itemKeys, TopNLists lists)
    {
        int width = lists.Width;
        int[] itemArray = lists.ItemArray;
        float[] scoreArray = lists.ScoreArray;
        int itemCount = itemKeys.Count;
        for (int row = 0; row < lists.Rows; row++)
        {
            string rowKey = rowKeys.KeyOf(row);
            int offset = row * width;
            for (int slot = 0; slot < width; slot++)
            {
                int item = itemArray[offset + slot];
                if (item < 0)
                {
                    break;
                }
                if (item >= itemCount)
                {
                    throw new DataException($"{meter.Table}: list {row} ('{rowKey}') slot {slot} holds item id {item}, outside the {itemCount} known items; the top-N lists do not belong to these item keys.");
                }
                importer.StartRow();
                importer.Write(rowKey, NpgsqlDbType.Text);
                importer.Write(slot + 1, NpgsqlDbType.Integer);
                importer.Write(itemKeys.KeyOf(item), NpgsqlDbType.Text);
                importer.Write(scoreArray[offset + slot], NpgsqlDbType.Real);
                meter.Row();
            }
        }
    }

    /// <summary>
    /// Writes (key, real[]) per factor row. One scratch array is reused for every row: the
    /// importer encodes the array into its buffer before <c>Write</c> returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteFactors(NpgsqlBinaryImporter importer, CopyMeter meter, KeyIndex keys, FactorMatrix factors)
    {
        float[] scratch = new float[factors.Rank];
        for (int row = 0; row < factors.Rows; row++)
        {
            factors.Row(row).CopyTo(scratch);
            importer.StartRow();
            importer.Write(keys.KeyOf(row), NpgsqlDbType.Text);
            importer.Write(scratch, NpgsqlDbType.Array | NpgsqlDbType.Real);
            meter.Row();
        }
    }

    /// <summary>Writes (rank, item key, score) for the popular fallback list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WritePopular(NpgsqlBinaryImporter importer, CopyMeter meter, ModelArtifacts artifacts)
    {
        int itemCount = artifacts.ItemKeys.Count;
        for (int i = 0; i < artifacts.PopularItems.Length; i++)
        {
            int item = artifacts.PopularItems[i];
            if ((uint)item >= (uint)itemCount)
            {
                throw new DataException($"{meter.Table}: popular item {i} has id {item}, outside the {itemCount} known items.");
            }
            importer.StartRow();
            importer.Write(i + 1, NpgsqlDbType.Integer);
            importer.Write(artifacts.ItemKeys.KeyOf(item), NpgsqlDbType.Text);
            importer.Write(artifacts.PopularScores[i], NpgsqlDbType.Real);
            meter.Row();
        }
    }

    /// <summary>Checks that the artifact parts agree with each other before anything is sent.</summary>
    private static void Validate(ModelArtifacts a)
    {
        if (a.UserFactors.Rows != a.UserKeys.Count || a.Recommendations.Rows != a.UserKeys.Count)
        {
            throw new DataException($"Model artifacts disagree on the user count: {a.UserKeys.Count} user keys, {a.UserFactors.Rows} user factor rows, {a.Recommendations.Rows} recommendation lists.");
        }
        if (a.ItemFactors.Rows != a.ItemKeys.Count || a.SimilarItems.Rows != a.ItemKeys.Count)
        {
            throw new DataException($"Model artifacts disagree on the item count: {a.ItemKeys.Count} item keys, {a.ItemFactors.Rows} item factor rows, {a.SimilarItems.Rows} similar-item lists.");
        }
        if (a.PopularItems.Length != a.PopularScores.Length)
        {
            throw new DataException($"Model artifacts have {a.PopularItems.Length} popular items but {a.PopularScores.Length} popular scores.");
        }
        if (a.UserFactors.Rank != a.ItemFactors.Rank)
        {
            throw new DataException($"User factors have rank {a.UserFactors.Rank} but item factors rank {a.ItemFactors.Rank}.");
        }
    }
}
