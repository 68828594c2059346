using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

public sealed class ConjugateGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(32)]
    public void Solves_a_well_conditioned_spd_system_within_k_steps(int k)
    {
        var (a, b, x) = SpdSystems.Create(k, seed: 100 + k, shift: k);
        var matrix = new DenseSymmetricOperator(SpdSystems.ToSingle(a), k);
        var solution = new float[k];
        var scratch = new float[ConjugateGradient.ScratchLength(k)];

        int steps = ConjugateGradient.Solve(ref matrix, SpdSystems.ToSingle(b), solution, k + 5, scratch);

        Assert.InRange(steps, 1, k + 5);
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(x[i], solution[i], 3);
        }
    }

    [Fact]
    public void Each_step_lowers_the_quadratic_it_minimises()
    {
        const int k = 24;
        var (a, b, _) = SpdSystems.Create(k, seed: 5, shift: 0.5);
        var af = SpdSystems.ToSingle(a);
        var bf = SpdSystems.ToSingle(b);
        var scratch = new float[ConjugateGradient.ScratchLength(k)];
        double previous = Quadratic(a, b, new double[k], k);
        for (int steps = 1; steps <= 6; steps++)
        {
            var x = new float[k];
            var matrix = new DenseSymmetricOperator(af, k);
            ConjugateGradient.Solve(ref matrix, bf, x, steps, scratch);
            double value = Quadratic(a, b, Array.ConvertAll(x, v => (double)v), k);
            Assert.True(value < previous, $"{steps} steps: {value} is not below {previous}");
            previous = value;
        }
    }

    [Fact]
    public void Warm_start_at_the_solution_takes_no_step_and_keeps_it()
    {
        var (a, _, x) = SpdSystems.Create(6, seed: 9, shift: 6);
        var matrix = new DenseSymmetricOperator(SpdSystems.ToSingle(a), 6);
        var start = SpdSystems.ToSingle(x);
        var solution = (float[])start.Clone();
        var scratch = new float[ConjugateGradient.ScratchLength(6)];
        // b computed in float from the float solution, so the start residual is at rounding level.
        var bf = new float[6];
        matrix.Apply(start, bf);

        int steps = ConjugateGradient.Solve(ref matrix, bf, solution, 3, scratch);

        Assert.Equal(0, steps);
        Assert.Equal(start, solution);
    }

    private static double Quadratic(double[] a, double[] b, double[] x, int k)
    {
        var ax = SpdSystems.Multiply(a, x, k);
        double value = 0d;
        for (int i = 0; i < k; i++)
        {
            value += 0.5 * x[i] * ax[i] - b[i] * x[i];
        }
        return value;
    }
}
