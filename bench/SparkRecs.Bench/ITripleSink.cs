namespace SparkRecs.Bench;

/// <summary>Receives the lines <see cref="TripleParser"/> parses, one call per line.</summary>
/// <remarks>
/// Implemented by structs and passed as a generic argument, so the call per line is inlined into
/// the parser's loop instead of going through an interface dispatch.
/// </remarks>
internal interface ITripleSink
{
    /// <summary>One <c>user \t item \t count</c> line.</summary>
    void Add(int user, int item, long count);
}
