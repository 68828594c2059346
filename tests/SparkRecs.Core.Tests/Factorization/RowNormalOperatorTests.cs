using SparkRecs.Core.Factorization;
using SparkRecs.Core.Sparse;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class RowNormalOperatorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Applies_the_same_system_the_normal_equation_assembles(bool isImplicit)
    {
        const int k = 6;
        var ratings = CsrMatrix.FromCoordinates(2, 5, [0, 0, 0, 0, 1], [0, 1, 3, 4, 2], [3f, -1f, 0f, 2f, 1f]);
        var items = new FactorMatrix(5, k);
        FactorInitializer.Fill(items, 3, FactorInitializer.ItemSide, nonnegative: false);
        float[] gram = [];
        if (isImplicit)
        {
            var gramMatrix = new GramMatrix(5, k);
            gramMatrix.Compute(items, 1, CancellationToken.None);
            gram = gramMatrix.FullSingle;
        }
        const float alpha = 2f;
        const float ridge = 0.3f;

        var equation = new NormalEquation(k);
        if (isImplicit)
        {
            equation.Reset(gram);
        }
        else
        {
            equation.Reset();
        }
        var columns = ratings.RowIndices(0);
        var values = ratings.RowValues(0);
        for (int n = 0; n < columns.Length; n++)
        {
            equation.Add(items.Row(columns[n]), Confidence.Target(values[n], isImplicit, alpha), Confidence.Weight(values[n], isImplicit, alpha));
        }
        var a = new double[k * k];
        var b = new double[k];
        equation.CopyTo(a, b, ridge);

        var matrix = new RowNormalOperator(gram, items, columns, values, isImplicit, alpha, ridge);
        var x = new float[] { 0.5f, -1f, 2f, 0f, 1f, -0.25f };
        var product = new float[k];
        matrix.Apply(x, product);
        var rightHandSide = new float[k];
        matrix.RightHandSide(rightHandSide);

        var expected = SpdSystems.Multiply(a, Array.ConvertAll(x, v => (double)v), k);
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(expected[i], product[i], 1e-4);
            Assert.Equal(b[i], rightHandSide[i], 1e-5);
        }
    }
}
