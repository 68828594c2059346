using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>The fused, padded conjugate gradient against the reference <c>ConjugateGradient</c>.</summary>
public sealed class PaddedConjugateGradientTests
{
    public static TheoryData<int, int> SizesAndSteps()
    {
        var data = new TheoryData<int, int>();
        foreach (int k in new[] { 1, 2, 7, 15, 16, 17, 31, 33, 64 })
        {
            foreach (int steps in new[] { 1, 3, 200 })
            {
                data.Add(k, steps);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndSteps))]
    public void Takes_the_same_steps_to_the_same_point_as_the_reference(int k, int steps)
    {
        KernelSupport.Require();
        int kp = FactorKernels.PaddedRank(k);
        var (a, b, solution) = SpdSystems.Create(k, seed: 100 + k, shift: k);
        var single = SpdSystems.ToSingle(a);
        var start = FactorKernelsTests.Vector(new Random(k), k);

        var referenceX = (float[])start.Clone();
        var dense = new DenseSymmetricOperator(single, k);
        int referenceSteps = ConjugateGradient.Solve(ref dense, SpdSystems.ToSingle(b), referenceX, steps, new float[ConjugateGradient.ScratchLength(k)]);

        var padded = new float[kp * kp];
        for (int i = 0; i < k; i++)
        {
            Array.Copy(single, i * k, padded, i * kp, k);
        }
        var paddedB = new float[kp];
        SpdSystems.ToSingle(b).CopyTo(paddedB, 0);
        var x = new float[kp];
        start.CopyTo(x, 0);
        var matrix = new PanelNormalOperator(padded, 0f, default, default, 0, kp);
        int taken = PaddedConjugateGradient.Solve(ref matrix, paddedB, x, steps, new float[PaddedConjugateGradient.ScratchLength(kp)]);

        Assert.Equal(referenceSteps, taken);
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(referenceX[i], x[i], 1e-3 * (1 + Math.Abs(referenceX[i])));
        }
        Assert.All(x[k..], v => Assert.Equal(0f, v));
        if (steps >= 200)
        {
            for (int i = 0; i < k; i++)
            {
                Assert.Equal(solution[i], x[i], 2e-3);
            }
        }
    }

    [Fact]
    public void Reports_a_non_finite_system()
    {
        KernelSupport.Require();
        var matrix = new float[16 * 16];
        matrix[0] = float.NaN;
        var b = new float[16];
        b[0] = 1f;
        var op = new PanelNormalOperator(matrix, 0f, default, default, 0, 16);

        Assert.Equal(-1, PaddedConjugateGradient.Solve(ref op, b, new float[16], 3, new float[48]));
    }
}
