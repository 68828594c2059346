using System.Buffers;
using System.Text;
using SparkRecs.Core.Data;
using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Recommend;
using SparkRecs.Spark.Arrow;
using SparkRecs.Spark.Connect;

namespace SparkRecs.Pipeline.Engines.Spark;

/// <summary>
/// Turns the Arrow batches of the engine's fetch queries into the driver's types: the cleaned
/// events, factor matrices in the driver's ids, top-N lists, scalars. Keys are matched by value, so
/// Spark's dense ids never need to agree with the driver's.
/// </summary>
internal static class SparkArrowResults
{
    /// <summary>Every record batch of <paramref name="batches"/>, each ArrowBatch being a whole IPC stream.</summary>
    public static IEnumerable<ArrowRecordBatch> Read(IReadOnlyList<ArrowBatch> batches, string what)
    {
        for (int b = 0; b < batches.Count; b++)
        {
            // Decoded whole before any row is used, so a short stream fails before its rows count.
            var records = new ArrowStreamReader(batches[b].Data, $"{what}, Arrow batch {b + 1} of {batches.Count}").ReadAllBatches();
            long rows = records.Sum(r => (long)r.Length);
            if (rows != batches[b].RowCount)
            {
                throw new DataException($"{what}: Arrow batch {b + 1} of {batches.Count} holds {rows} rows but Spark announced {batches[b].RowCount}; the result is incomplete, rerun the job.");
            }
            foreach (var record in records)
            {
                yield return record;
            }
        }
    }

    /// <summary>The cleaned events <c>(user_key, item_key, value float, ts_ms bigint)</c> as an interaction table.</summary>
    public static InteractionTable Events(IReadOnlyList<ArrowBatch> batches)
    {
        var table = new InteractionTable(capacity: (int)Math.Min(int.MaxValue / 2, Math.Max(1024, batches.Sum(b => b.RowCount))));
        char[] user = ArrayPool<char>.Shared.Rent(256);
        char[] item = ArrayPool<char>.Shared.Rent(256);
        try
        {
            foreach (var batch in Read(batches, "the cleaned events"))
            {
                var users = batch.GetColumn<StringColumn>("user_key");
                var items = batch.GetColumn<StringColumn>("item_key");
                var values = batch.GetColumn<Float32Column>("value").Values;
                var times = batch.GetColumn<Int64Column>("ts_ms").Values;
                for (int row = 0; row < batch.Length; row++)
                {
                    int u = Decode(users.GetBytes(row), ref user);
                    int i = Decode(items.GetBytes(row), ref item);
                    table.Add(user.AsSpan(0, u), item.AsSpan(0, i), values[row], times[row]);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(user);
            ArrayPool<char>.Shared.Return(item);
        }
        return table;
    }

    /// <summary>
    /// Factors <c>(key, features array&lt;float&gt;)</c> placed at the rows <paramref name="keys"/> gives
    /// each key. Every key must get exactly one row of <paramref name="rank"/> values.
    /// </summary>
    public static FactorMatrix Factors(IReadOnlyList<ArrowBatch> batches, KeyIndex keys, int rank, string what)
    {
        var factors = new FactorMatrix(keys.Count, rank);
        var filled = new bool[keys.Count];
        int count = 0;
        char[] key = ArrayPool<char>.Shared.Rent(256);
        try
        {
            foreach (var batch in Read(batches, what))
            {
                var keyColumn = batch.GetColumn<StringColumn>("key");
                var features = batch.GetColumn<ListColumn>("features");
                var values = features.ValuesAs<Float32Column>().Values;
                for (int row = 0; row < batch.Length; row++)
                {
                    int length = Decode(keyColumn.GetBytes(row), ref key);
                    if (!keys.TryGetId(key.AsSpan(0, length), out int id))
                    {
                        throw new TrainingException($"Spark returned {what} for key '{new string(key, 0, length)}', which is not in the events the driver read; the cluster and the driver disagree on the data, rerun the job.");
                    }
                    (int start, int n) = features.GetValueRange(row);
                    if (features.IsNull(row) || n != rank)
                    {
                        throw new TrainingException($"Spark returned {(features.IsNull(row) ? 0 : n)} {what} values for key '{keys.KeyOf(id)}', expected als:rank = {rank}.");
                    }
                    if (filled[id])
                    {
                        throw new TrainingException($"Spark returned {what} twice for key '{keys.KeyOf(id)}'.");
                    }
                    var features_ = values.Slice(start, rank);
                    if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(features_))
                    {
                        throw new TrainingException(
                            $"Spark's ALS returned non-finite {what} (NaN or infinity) for key '{keys.KeyOf(id)}': training diverged on the cluster. "
                            + "Try a larger als:regParam or a smaller als:alpha, and check the input for huge values (cap or log-scale counts).");
                    }
                    features_.CopyTo(factors.Row(id));
                    filled[id] = true;
                    count++;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(key);
        }
        if (count != keys.Count)
        {
            int missing = Array.IndexOf(filled, false);
            throw new TrainingException($"Spark returned {what} for {count:N0} of {keys.Count:N0} keys (none for '{keys.KeyOf(missing)}'); the model does not cover its training data, rerun the job.");
        }
        return factors;
    }

    /// <summary>Top-N rows <c>(user_key, rank int, item_key, score float)</c> as fixed-width lists in the driver's ids.</summary>
    public static TopNLists TopN(IReadOnlyList<ArrowBatch> batches, KeyIndex users, KeyIndex items, int width)
    {
        var lists = new TopNLists(users.Count, width);
        char[] user = ArrayPool<char>.Shared.Rent(256);
        char[] item = ArrayPool<char>.Shared.Rent(256);
        try
        {
            foreach (var batch in Read(batches, "the top-N recommendations"))
            {
                var userKeys = batch.GetColumn<StringColumn>("user_key");
                var itemKeys = batch.GetColumn<StringColumn>("item_key");
                var ranks = batch.GetColumn<Int32Column>("rank").Values;
                var scores = batch.GetColumn<Float32Column>("score").Values;
                for (int row = 0; row < batch.Length; row++)
                {
                    int ul = Decode(userKeys.GetBytes(row), ref user);
                    int il = Decode(itemKeys.GetBytes(row), ref item);
                    if (!users.TryGetId(user.AsSpan(0, ul), out int u) || !items.TryGetId(item.AsSpan(0, il), out int i))
                    {
                        throw new TrainingException($"Spark recommended '{new string(item, 0, il)}' to '{new string(user, 0, ul)}', a key the driver's events do not have; rerun the job.");
                    }
                    int rank = ranks[row];
                    if (rank < 1 || rank > width)
                    {
                        throw new TrainingException($"Spark returned rank {rank} for user '{users.KeyOf(u)}', outside 1..{width}.");
                    }
                    if (!float.IsFinite(scores[row]))
                    {
                        throw new TrainingException($"Spark returned a non-finite score ({scores[row]}) for user '{users.KeyOf(u)}' at rank {rank}: the model diverged on the cluster; try a larger als:regParam or a smaller als:alpha.");
                    }
                    lists.Items(u)[rank - 1] = i;
                    lists.Scores(u)[rank - 1] = scores[row];
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(user);
            ArrayPool<char>.Shared.Return(item);
        }
        return lists;
    }

    /// <summary>The single value of a one-row, one-column result of 32- or 64-bit integers.</summary>
    public static long Scalar(IReadOnlyList<ArrowBatch> batches, string column, string what)
    {
        foreach (var batch in Read(batches, what))
        {
            if (batch.Length == 0)
            {
                continue;
            }
            var field = batch.Schema.Fields.FirstOrDefault(f => f.Name == column);
            return field?.Type.Kind == ArrowTypeKind.Int32
                ? batch.GetColumn<Int32Column>(column).Values[0]
                : batch.GetColumn<Int64Column>(column).Values[0];
        }
        throw new DataException($"{what}: Spark returned no row; rerun the job.");
    }

    /// <summary>UTF-8 bytes into a reusable char buffer (grown when needed); returns the char count.</summary>
    private static int Decode(ReadOnlySpan<byte> bytes, ref char[] buffer)
    {
        int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (needed > buffer.Length)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(needed);
        }
        return Encoding.UTF8.GetChars(bytes, buffer);
    }
}
