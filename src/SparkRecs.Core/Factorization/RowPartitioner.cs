namespace SparkRecs.Core.Factorization;

/// <summary>
/// Runs a body over <c>[0, count)</c> in fixed-size chunks on a fixed set of workers, each with its
/// own state (scratch buffers allocated once per training run, not per row or per chunk).
/// </summary>
/// <remarks>
/// Workers pull the next chunk from a shared counter, which balances rows of very different lengths.
/// Which worker gets which chunk varies from run to run, so bodies must write only results that
/// depend on the chunk alone (a row's factors, a block's partial sum): that is what makes ALS
/// results independent of scheduling and of the thread count.
/// </remarks>
internal static class RowPartitioner
{
    /// <summary>
    /// Calls <paramref name="body"/>(worker state, start, end) for every chunk; returns once all are
    /// done. Throws <see cref="OperationCanceledException"/> if <paramref name="ct"/> fires.
    /// </summary>
    public static void Run<TState>(int count, int chunkSize, TState[] workers, CancellationToken ct, Action<TState, int, int> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        int chunks = (int)(((long)count + chunkSize - 1) / chunkSize);
        int parallelism = Math.Min(workers.Length, chunks);
        if (parallelism <= 1)
        {
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                ct.ThrowIfCancellationRequested();
                RunChunk(chunk, count, chunkSize, workers[0], body);
            }
            return;
        }

        int next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        Parallel.For(0, parallelism, options, worker =>
        {
            var state = workers[worker];
            int chunk;
            while (!ct.IsCancellationRequested && (chunk = Interlocked.Increment(ref next)) < chunks)
            {
                RunChunk(chunk, count, chunkSize, state, body);
            }
        });
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>As <see cref="Run{TState}"/> for bodies that need no per-worker state.</summary>
    public static void Run(int count, int chunkSize, int threads, CancellationToken ct, Action<int, int> body)
        => Run(count, chunkSize, new bool[Math.Clamp(threads, 1, Math.Max(1, count))], ct, (_, start, end) => body(start, end));

    private static void RunChunk<TState>(int chunk, int count, int chunkSize, TState state, Action<TState, int, int> body)
    {
        int start = chunk * chunkSize;
        body(state, start, (int)Math.Min(count, (long)start + chunkSize));
    }
}
