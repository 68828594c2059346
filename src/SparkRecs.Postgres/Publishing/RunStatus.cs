namespace SparkRecs.Postgres.Publishing;

/// <summary>
/// Life cycle of a run in the registry (<c>runs.status</c>):
/// <c>loading</c> -> <c>ready</c> -> <c>live</c> -> <c>retired</c>, or <c>failed</c> from
/// <c>loading</c>/<c>ready</c>. A retired run can become live again (rollback) while its
/// tables are retained.
/// </summary>
public enum RunStatus
{
    /// <summary>Registered; tables are being (or about to be) loaded. Never visible to readers.</summary>
    Loading,

    /// <summary>Loaded, indexed and analysed; can be published.</summary>
    Ready,

    /// <summary>The version the serving views and functions of its model point at.</summary>
    Live,

    /// <summary>Was live, replaced by a newer or rolled-back run.</summary>
    Retired,

    /// <summary>The load failed or was abandoned; its tables are dropped.</summary>
    Failed,
}
