using SparkRecs.Core.Factorization;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>Guards for tests of the vectorised kernels, which need AVX2 and FMA.</summary>
internal static class KernelSupport
{
    /// <summary>
    /// Returns where <see cref="FactorKernels.IsSupported"/>; elsewhere fails the test with a
    /// message saying why (xunit 2 has no runtime skip, and a silent pass would hide the gap).
    /// </summary>
    public static void Require()
    {
        Assert.True(FactorKernels.IsSupported, "The vectorised ALS kernels need AVX2 with FMA; this processor runs the reference path only.");
    }
}
