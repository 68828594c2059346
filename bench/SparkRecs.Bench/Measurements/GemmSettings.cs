namespace SparkRecs.Bench.Measurements;

/// <summary>How the GEMM reference of top-N is measured.</summary>
/// <param name="Python">Interpreter whose numpy is timed.</param>
/// <param name="Block">Rows and columns of the timed block (a multiple of 64).</param>
/// <param name="Rank">Inner dimension, the factor rank.</param>
/// <param name="Repetitions">Timed products after one warm-up.</param>
/// <param name="Threads">BLAS and C# threads.</param>
internal sealed record GemmSettings(string Python, int Block, int Rank, int Repetitions, int Threads);
