namespace SparkRecs.Pipeline.Progress;

/// <summary>
/// An <see cref="IProgress{T}"/> that handles each report on the reporting thread, in order.
/// (<see cref="Progress{T}"/> posts reports to the thread pool, where they can arrive out of order
/// or after the stage has ended.)
/// </summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
