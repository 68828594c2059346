using System.Numerics.Tensors;

namespace SparkRecs.Core.Tests.Factorization;

/// <summary>
/// ALS is bit-reproducible only if a dot product of the same values gives the same bits wherever the
/// arrays happen to sit in memory (two training runs allocate their factors at different addresses).
/// </summary>
public sealed class TensorPrimitivesAssumptionTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(32)]
    [InlineData(130)]
    [InlineData(1000)]
    public void Dot_does_not_depend_on_memory_alignment(int length)
    {
        var random = new Random(length);
        var x = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var y = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var results = new HashSet<float>();
        var doubleResults = new HashSet<double>();
        for (int offset = 0; offset < 16; offset++)
        {
            var bufferX = new float[length + 16];
            var bufferY = new float[length + 16];
            x.CopyTo(bufferX, offset);
            y.CopyTo(bufferY, offset);
            results.Add(TensorPrimitives.Dot(bufferX.AsSpan(offset, length), bufferY.AsSpan(offset, length)));
            var doubleX = Array.ConvertAll(bufferX, v => (double)v);
            var doubleY = Array.ConvertAll(bufferY, v => (double)v);
            doubleResults.Add(TensorPrimitives.Dot<double>(doubleX.AsSpan(offset, length), doubleY.AsSpan(offset, length)));
        }
        Assert.Single(results);
        Assert.Single(doubleResults);
    }
}
