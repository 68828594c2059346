namespace SparkRecs.Postgres.Loading;

/// <summary>Progress of a bulk load, reported while a table is copied and once when it is complete.</summary>
/// <param name="Table">Unqualified table name (<c>recs_r42</c>).</param>
/// <param name="Rows">Rows sent to this table so far.</param>
/// <param name="Elapsed">Time since the table's COPY started.</param>
/// <param name="Completed">True for the final report of the table (the server confirmed the row count).</param>
public sealed record LoadProgress(string Table, long Rows, TimeSpan Elapsed, bool Completed);
