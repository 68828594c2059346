using SparkRecs.Core.Errors;
using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>
/// Training on the compact item x user matrix (one-byte or two-byte value codes) against training on
/// the float transpose: decoding is exact, so the factors and losses must be the same to the bit.
/// </summary>
public sealed class AlsCompactTransposeTests
{
    private static readonly Lazy<CsrMatrix> Counts = new(() => SyntheticRatings.PlantedCounts(240, 160, rank: 4, density: 0.12, seed: 31));

    /// <summary>Ratings rounded to 0.01 (several hundred distinct values), so the compact transpose needs two-byte codes.</summary>
    private static readonly Lazy<CsrMatrix> ManyValues = new(() =>
    {
        var data = SyntheticRatings.Planted(120, 90, rank: 3, noise: 0.3, observed: 0.3, seed: 8).Train;
        var values = data.Values.ToArray();
        for (int n = 0; n < values.Length; n++)
        {
            values[n] = MathF.Round(values[n] * 100f) / 100f;
        }
        return new CsrMatrix(data.Rows, data.Columns, data.RowPointers.ToArray(), data.ColumnIndices.ToArray(), values);
    });

    public static TheoryData<bool, AlsSolver, bool, bool> Kinds()
    {
        var data = new TheoryData<bool, AlsSolver, bool, bool>();
        foreach (bool useKernels in new[] { true, false })
        {
            foreach (bool isImplicit in new[] { true, false })
            {
                data.Add(isImplicit, AlsSolver.ConjugateGradient, false, useKernels);
                data.Add(isImplicit, AlsSolver.Cholesky, false, useKernels);
            }
            data.Add(true, AlsSolver.Cholesky, true, useKernels);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compact_and_float_transposes_train_bit_identical_models(bool isImplicit, AlsSolver solver, bool nonnegative, bool useKernels)
    {
        var options = new AlsOptions { Implicit = isImplicit, Solver = solver, Nonnegative = nonnegative, Rank = 7, Iterations = 3, RegParam = 0.05f, Threads = 2 };
        var compact = CompactCsrMatrix.TransposeOf(Counts.Value);
        Assert.Equal(ValueEncoding.Byte, compact.Encoding);

        foreach (int panelBytes in new[] { RowPanel.DefaultPanelBytes, 256 })
        {
            var fromFloats = AlsTrainer.Train(Counts.Value, Counts.Value.Transpose(), options, null, useKernels, panelBytes, default);
            var fromCodes = AlsTrainer.Train(Counts.Value, compact, options, null, useKernels, panelBytes, default);

            AssertBitIdentical(fromFloats, fromCodes);
        }
    }

    [Theory]
    [InlineData(AlsSolver.ConjugateGradient)]
    [InlineData(AlsSolver.Cholesky)]
    public void Two_byte_codes_train_the_same_explicit_model_as_floats(AlsSolver solver)
    {
        var options = new AlsOptions { Implicit = false, Solver = solver, Rank = 4, Iterations = 3, Threads = 2 };
        var compact = CompactCsrMatrix.TransposeOf(ManyValues.Value);
        Assert.Equal(ValueEncoding.UInt16, compact.Encoding);

        var fromFloats = AlsTrainer.Fit(ManyValues.Value, ManyValues.Value.Transpose(), options);
        var fromCodes = AlsTrainer.Fit(ManyValues.Value, compact, options);

        AssertBitIdentical(fromFloats, fromCodes);
    }

    [Fact]
    public void Fit_on_the_user_item_matrix_alone_equals_fit_with_its_float_transpose()
    {
        var options = new AlsOptions { Rank = 6, Iterations = 2, Threads = 2 };

        var alone = AlsTrainer.Fit(Counts.Value, options);
        var withTranspose = AlsTrainer.Fit(Counts.Value, Counts.Value.Transpose(), options);

        AssertBitIdentical(withTranspose, alone);
    }

    [Fact]
    public void Nan_input_is_refused_naming_user_and_item_as_with_a_float_transpose()
    {
        var data = CsrMatrix.FromCoordinates(3, 4, [0, 1, 2], [1, 2, 3], [1f, float.NaN, 2f]);

        var error = Assert.Throws<TrainingException>(() => AlsTrainer.Fit(data, new AlsOptions { Rank = 2, Threads = 1 }));

        Assert.Contains("user 1, item 2 is NaN", error.Message);
    }

    [Fact]
    public void Empty_matrix_is_refused_before_any_transpose()
    {
        var empty = CsrMatrix.FromCoordinates(3, 3, [], [], []);

        Assert.Throws<DataException>(() => AlsTrainer.Fit(empty, new AlsOptions { Rank = 2 }));
    }

    [Fact]
    public void A_compact_transpose_of_another_matrix_is_refused()
    {
        var other = CompactCsrMatrix.TransposeOf(CsrMatrix.FromCoordinates(240, 161, [0], [160], [1f]));

        var error = Assert.Throws<ArgumentException>(() => AlsTrainer.Fit(Counts.Value, other, new AlsOptions { Rank = 2 }));

        Assert.Equal("itemUser", error.ParamName);
        Assert.Contains("CompactCsrMatrix.TransposeOf(userItem)", error.Message);
    }

    [Fact]
    public void Working_set_counts_the_compact_transpose_at_five_bytes_per_non_zero()
    {
        var options = new AlsOptions { Rank = 8, Iterations = 1, Threads = 2 };
        var data = Counts.Value;
        var compact = CompactCsrMatrix.TransposeOf(data);

        var model = AlsTrainer.Fit(data, compact, options);
        var withFloats = AlsTrainer.Fit(data, data.Transpose(), options);

        var set = Assert.IsType<AlsWorkingSet>(model.WorkingSet);
        Assert.Equal(data.NonZeros, set.NonZeros);
        Assert.Equal(data.MemoryBytes, set.UserItemBytes);
        Assert.Equal(compact.MemoryBytes, set.ItemUserBytes);
        Assert.Equal(4L * (data.Columns + 1) + 5L * data.NonZeros + 4L * compact.ValueTable.Length, set.ItemUserBytes);
        // Evidence counts and ridges (8 bytes a row), and one loss partial per 64 rows.
        long rows = data.Rows + data.Columns;
        Assert.Equal(8L * rows + 8L * (AlsSweep.ChunkCount(data.Rows) + AlsSweep.ChunkCount(data.Columns)), set.PerRowBytes);
        Assert.Equal(4L * rows * options.Rank, set.FactorBytes);
        Assert.True(set.ScratchBytes > 0);
        Assert.Equal((double)(set.UserItemBytes + set.ItemUserBytes + set.PerRowBytes) / data.NonZeros, set.BytesPerNonZero, 1e-12);
        Assert.Equal(data.Transpose().MemoryBytes, withFloats.WorkingSet!.ItemUserBytes);
        // Only the reference path decodes whole rows (into a buffer per worker, two workers here).
        int longestItem = Enumerable.Range(0, compact.Rows).Max(compact.RowLength);
        Assert.Equal(FactorKernels.IsSupported ? 0L : 2L * 4L * longestItem, set.ScratchBytes - withFloats.WorkingSet.ScratchBytes);
    }

    private static void AssertBitIdentical(AlsModel expected, AlsModel actual)
    {
        Assert.Equal(expected.UserFactors.Data, actual.UserFactors.Data);
        Assert.Equal(expected.ItemFactors.Data, actual.ItemFactors.Data);
        Assert.Equal(expected.History.Select(h => h.Loss), actual.History.Select(h => h.Loss));
    }
}
