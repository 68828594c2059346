namespace SparkRecs.Postgres.Schema;

/// <summary>
/// The advisory-lock keys SparkRecs takes, as SQL argument lists for
/// <c>pg_advisory_lock(int, int)</c> and friends. Advisory locks are held by a backend, not by
/// rows, so they vanish when a session dies: exactly what is needed to tell a live loader from a
/// killed one, and to serialise publishes across machines.
/// </summary>
/// <remarks>
/// The first key is a per-schema namespace (<c>hashtext</c> of a purpose and the schema), the
/// second the model or the run. A hash collision between two models only makes their publishes
/// wait for each other; it never lets two publishes of one model interleave.
/// </remarks>
internal static class AdvisoryLocks
{
    /// <summary>Held (transaction scope) while migrating a schema. Parameter: <c>@schema</c>.</summary>
    public const string Migrate = "hashtext('sparkrecs.migrate'), hashtext(@schema)";

    /// <summary>Held (transaction scope) while switching, rolling back or cleaning a model. Parameters: <c>@schema</c>, <c>@model</c>.</summary>
    public const string Model = "hashtext('sparkrecs.publish:' || @schema), hashtext(@model)";

    /// <summary>Held (session scope) by the connection loading a run. Parameters: <c>@schema</c>, <c>@run_id</c>.</summary>
    public const string Run = "hashtext('sparkrecs.load:' || @schema), (@run_id % 2147483647)::int";
}
