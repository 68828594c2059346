namespace SparkRecs.Core.Recommend;

/// <summary>The shared meaning of the <c>threads</c> parameter of the recommend and baseline kernels.</summary>
internal static class WorkerThreads
{
    /// <summary>
    /// Resolves a requested thread count: 0 means one worker per logical processor, a positive
    /// value is used as given, a negative value is an error naming <paramref name="parameterName"/>.
    /// </summary>
    public static int Resolve(int threads, string parameterName)
    {
        if (threads < 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, threads, "The thread count must be 0 (one per logical processor) or positive.");
        }
        return threads == 0 ? Environment.ProcessorCount : threads;
    }
}
